namespace Inspect.Alerts.Falco;

/// <summary>An alert body that cannot be used, with the reason a sender can act on (returned in the 4xx response).</summary>
public sealed class AlertRejectedException : Exception
{
    /// <summary>Creates the rejection with a short machine-readable <paramref name="reason"/> and a readable message.</summary>
    public AlertRejectedException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>A short machine-readable reason (<c>MalformedJson</c>, <c>MissingField</c>, ...), also the metric label.</summary>
    public string Reason { get; }
}
