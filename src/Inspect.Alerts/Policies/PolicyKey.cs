namespace Inspect.Alerts.Policies;

/// <summary>A CapturePolicy's identity.</summary>
public readonly record struct PolicyKey(string Namespace, string Name)
{
    /// <inheritdoc/>
    public override string ToString() => Namespace + "/" + Name;
}
