namespace Inspect.Alerts.Falco;

/// <summary>Why an alert was refused: the reason in the response body and the label on the rejection metric.</summary>
public static class AlertRejection
{
    /// <summary>The body is not a JSON object.</summary>
    public const string MalformedJson = "MalformedJson";

    /// <summary>A required member (rule, priority, time) is absent.</summary>
    public const string MissingField = "MissingField";

    /// <summary>A member has the wrong type or an impossible value.</summary>
    public const string InvalidField = "InvalidField";

    /// <summary>The alert names no pod or container Inspect can find.</summary>
    public const string UnknownPod = "UnknownPod";

    /// <summary>The body is larger than the endpoint accepts.</summary>
    public const string TooLarge = "TooLarge";

    /// <summary>The body's Content-Encoding is not identity or gzip, or the gzip stream is broken.</summary>
    public const string BadEncoding = "BadEncoding";

    /// <summary>The caller presented no valid client certificate or bearer token.</summary>
    public const string Unauthenticated = "Unauthenticated";
}
