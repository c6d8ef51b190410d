using System.Text.Json.Serialization;
using Inspect.Crds.Validation;

namespace Inspect.Crds.Capture;

/// <summary>The headline tiles of the analysis, small enough for the status (lists are capped).</summary>
public sealed class CaptureSummary
{
    /// <summary>Events in all files.</summary>
    [JsonPropertyName("events")]
    [Minimum(0)]
    public long? Events { get; set; }

    /// <summary>Time between the first and the last event, in seconds.</summary>
    [JsonPropertyName("durationSeconds")]
    [Minimum(0)]
    public double? DurationSeconds { get; set; }

    /// <summary>Processes with the most events.</summary>
    [JsonPropertyName("topProcesses")]
    [Items(max: 10)]
    public IList<SummaryEntry>? TopProcesses { get; set; }

    /// <summary>Files by bytes read and written.</summary>
    [JsonPropertyName("topFiles")]
    [Items(max: 10)]
    public IList<SummaryEntry>? TopFiles { get; set; }

    /// <summary>Connections by bytes sent and received.</summary>
    [JsonPropertyName("topConnections")]
    [Items(max: 10)]
    public IList<SummaryEntry>? TopConnections { get; set; }

    /// <summary>Commands executed (execve), first ones first.</summary>
    [JsonPropertyName("execs")]
    [Items(max: 20)]
    public IList<SummaryEntry>? Execs { get; set; }

    /// <summary>Syscalls that failed most, by error.</summary>
    [JsonPropertyName("errors")]
    [Items(max: 10)]
    public IList<SummaryEntry>? Errors { get; set; }

    /// <summary>Notable findings (a shell in a container, a write below /etc, an outbound connection...).</summary>
    [JsonPropertyName("findings")]
    [Items(max: 20)]
    public IList<string>? Findings { get; set; }
}
