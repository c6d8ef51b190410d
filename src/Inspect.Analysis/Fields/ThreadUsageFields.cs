using Inspect.Analysis.Events;
using Inspect.Scap.Events;

namespace Inspect.Analysis.Fields;

/// <summary>
/// Resource use of a thread as csysdig's process views read it: CPU from procinfo samples, memory in bytes on the
/// main thread. CPU is the growth of the sampled tick counters since the thread's previous sample, so each use of
/// the field (each view column) keeps its own per-thread memory of the last sample, as sysdig's field instances do.
/// </summary>
public static class ThreadUsageFields
{
    public static IReadOnlyList<FieldDefinition> Table { get; } =
    [
        new("thread.cpu", FieldType.Double, FieldFormat.NotApplicable, "CPU ticks (user + system) used since the thread's previous procinfo sample, at most 100; only on procinfo events",
            FieldFlags.None, static (d, _) => BindCpu(d, user: true, system: true)),
        new("thread.cpu.user", FieldType.Double, FieldFormat.NotApplicable, "user CPU ticks used since the thread's previous procinfo sample, at most 100",
            FieldFlags.None, static (d, _) => BindCpu(d, user: true, system: false)),
        new("thread.cpu.system", FieldType.Double, FieldFormat.NotApplicable, "system CPU ticks used since the thread's previous procinfo sample, at most 100",
            FieldFlags.None, static (d, _) => BindCpu(d, user: false, system: true)),
        new("thread.vmsize.b", FieldType.UInt64, FieldFormat.Decimal, "virtual memory of the process in bytes, on its main thread (0 on other threads)",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.IsMainThread ? (ulong)t.VmSizeKb * 1024 : 0UL) : FieldValue.Null),
        new("thread.vmrss.b", FieldType.UInt64, FieldFormat.Decimal, "resident memory of the process in bytes, on its main thread (0 on other threads)",
            static (ref EventContext c) => c.Thread is { } t ? FieldValue.Of(t.IsMainThread ? (ulong)t.VmRssKb * 1024 : 0UL) : FieldValue.Null),
    ];

    private const double MaxTicks = 100;

    private static BoundField BindCpu(FieldDefinition d, bool user, bool system)
    {
        var lastTotal = new Dictionary<long, ulong>();
        return new BoundField(d, d.Name, (ref EventContext c) =>
        {
            if (c.Type != EventTable.ProcInfo || c.Thread is null || c.ParamCount < 2)
            {
                return FieldValue.Null;
            }

            var total = (user ? ParamReader.UInt64(c.Param(0)) : 0) + (system ? ParamReader.UInt64(c.Param(1)) : 0);
            var tid = c.Thread.Tid;

            // The first sample of a thread has nothing to compare with and counts as 0.
            var cpu = lastTotal.TryGetValue(tid, out var last) && last != 0 ? Math.Min((double)unchecked(total - last), MaxTicks) : 0;
            lastTotal[tid] = total;
            return FieldValue.Of(cpu);
        });
    }
}
