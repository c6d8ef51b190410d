using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Inspect.Crds.Capture;
using Inspect.Kubernetes.Runtime.Controllers;
using Inspect.Kubernetes.Runtime.Queue;

namespace Inspect.Operator.Metrics;

/// <summary>
/// The operator's instruments (meter <c>Inspect.Operator</c>), exported by OpenTelemetry's Prometheus exporter:
/// reconcile passes by result, captures by phase, and bytes and drops of the captures the operator knows.
/// </summary>
public sealed class OperatorMetrics : IDisposable
{
    /// <summary>The meter's name, for the exporter's registration.</summary>
    public const string MeterName = "Inspect.Operator";

    private readonly Meter _meter;
    private readonly Counter<long> _reconciles;
    private readonly ConcurrentDictionary<ObjectKey, (CapturePhase? Phase, long Bytes, long Drops)> _captures = new();

    public OperatorMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _reconciles = _meter.CreateCounter<long>("inspect_reconciles", description: "Reconcile passes of Capture resources, by result");
        _meter.CreateObservableGauge("inspect_captures", ObserveCaptures, description: "Capture resources by phase");
        _meter.CreateObservableGauge("inspect_capture_bytes", () => _captures.Values.Sum(c => c.Bytes), unit: "By", description: "Bytes recorded by the captures the operator knows");
        _meter.CreateObservableGauge("inspect_capture_drops", () => _captures.Values.Sum(c => c.Drops), description: "Events dropped in the captures the operator knows");
    }

    /// <summary>Counts one reconcile pass.</summary>
    public void Reconciled(ReconcileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _reconciles.Add(1, new KeyValuePair<string, object?>("result", outcome.Status.ToString().ToLowerInvariant()));
    }

    /// <summary>Remembers a capture's latest status.</summary>
    public void Observe(ObjectKey key, V1Alpha1CaptureStatus? status) =>
        _captures[key] = (status?.Phase, status?.Bytes ?? 0, status?.Nodes?.Sum(n => n.Drops ?? 0) ?? 0);

    /// <summary>Forgets a deleted capture.</summary>
    public void Forget(ObjectKey key) => _captures.TryRemove(key, out _);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveCaptures() =>
        Enum.GetValues<CapturePhase>().Select(phase => new Measurement<long>(
            _captures.Values.Count(c => (c.Phase ?? CapturePhase.Pending) == phase),
            new KeyValuePair<string, object?>("phase", phase.ToString())));
}
