using Inspect.Analysis.Filtering;

namespace Inspect.Analysis.Overview;

/// <summary>How an overview is sampled and filtered.</summary>
public sealed record OverviewOptions
{
    /// <summary>Samples the span is cut into before any coarsening, as Sysdig Inspect's chisel does.</summary>
    public const int BaseSamples = 400;

    /// <summary>Length of the span in nanoseconds (last event minus first event), known before the pass.</summary>
    public required ulong DurationNs { get; init; }

    /// <summary>Points per timeline in the result, 1 to <see cref="BaseSamples"/>.</summary>
    public int Samples { get; init; } = BaseSamples;

    /// <summary>The filter as written; a filter that mentions containers hides the "Running Containers" tile.</summary>
    public string? FilterText { get; init; }

    /// <summary>The compiled filter, applied to the thread table for the process and listening-port tiles.</summary>
    public FilterPredicate? Filter { get; init; }

    /// <summary>Read progress in percent, asked for when a progress slice is due.</summary>
    public Func<double>? ReadProgress { get; init; }
}
