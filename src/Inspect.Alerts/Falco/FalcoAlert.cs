using Inspect.Crds.Common;

namespace Inspect.Alerts.Falco;

/// <summary>
/// One alert as Falco's <c>http_output</c> (with <c>json_output: true</c>) or Falcosidekick's webhook output sends it.
/// Falco sends no id; Falcosidekick adds <see cref="Uuid"/> and may add custom fields and tags.
/// </summary>
public sealed record FalcoAlert
{
    /// <summary>When the event behind the alert happened (Falco's <c>time</c>, nanosecond precision kept in <see cref="TimeNanoseconds"/>).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The alert time as nanoseconds since the epoch; <see cref="DateTimeOffset"/> keeps only 100 ns ticks.</summary>
    public required long TimeNanoseconds { get; init; }

    /// <summary>The rule that fired.</summary>
    public required string Rule { get; init; }

    /// <summary>The rule's priority.</summary>
    public required FalcoPriority Priority { get; init; }

    /// <summary>The event source (<c>syscall</c>, <c>k8s_audit</c>, a plugin's), empty when the sender gave none.</summary>
    public string Source { get; init; } = "";

    /// <summary>The Falco host (for the syscall source, the node) that raised the alert.</summary>
    public string Hostname { get; init; } = "";

    /// <summary>The rule's tags, plus any Falcosidekick added.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The formatted output line.</summary>
    public string Output { get; init; } = "";

    /// <summary>The fields the rule's output names, as text (<c>null</c> where Falco had no value).</summary>
    public IReadOnlyDictionary<string, string?> OutputFields { get; init; } = new Dictionary<string, string?>();

    /// <summary>Falcosidekick's id for the alert; absent from Falco's own output.</summary>
    public string? Uuid { get; init; }

    /// <summary>The alerting pod's namespace, from <c>k8s.ns.name</c>.</summary>
    public string? Namespace => Field("k8s.ns.name");

    /// <summary>The alerting pod, from <c>k8s.pod.name</c>.</summary>
    public string? PodName => Field("k8s.pod.name");

    /// <summary>The alerting container, from <c>container.id</c> (absent or <c>host</c> outside containers).</summary>
    public string? ContainerId => Field("container.id") is { } id && id != "host" ? id : null;

    /// <summary>An output field's value, or <c>null</c> when absent, empty or Falco's <c>&lt;NA&gt;</c>.</summary>
    public string? Field(string name) =>
        OutputFields.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) && value != "<NA>" ? value : null;
}
