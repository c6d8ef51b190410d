using System.Diagnostics.Metrics;

namespace Inspect.Alerts;

/// <summary>The intake's counters, on the <c>Inspect.Alerts</c> meter (exported by the operator's metrics endpoint).</summary>
public sealed class AlertMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Inspect.Alerts";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _actions;

    /// <summary>Creates the counters on a meter of their own (one per intake, so tests stay apart).</summary>
    public AlertMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _received = _meter.CreateCounter<long>("inspect_alerts_received", description: "Alert requests received");
        _rejected = _meter.CreateCounter<long>("inspect_alerts_rejected", description: "Alert requests refused, by reason");
        _duplicates = _meter.CreateCounter<long>("inspect_alerts_duplicate", description: "Alerts already seen");
        _actions = _meter.CreateCounter<long>("inspect_policy_actions", description: "What policies did about matching alerts, by action");
    }

    /// <summary>Counts a request.</summary>
    public void Received() => _received.Add(1);

    /// <summary>Counts a refused request.</summary>
    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts a repeated alert.</summary>
    public void Duplicate() => _duplicates.Add(1);

    /// <summary>Counts a policy's decision.</summary>
    public void PolicyAction(string policy, string action) =>
        _actions.Add(1, new KeyValuePair<string, object?>("policy", policy), new KeyValuePair<string, object?>("action", action));

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
