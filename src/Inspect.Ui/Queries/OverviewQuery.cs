using Inspect.Analysis;
using Inspect.Analysis.Events;
using Inspect.Analysis.Overview;
using Inspect.Scap.Reading;
using Inspect.Ui.Streaming;

namespace Inspect.Ui.Queries;

/// <summary>
/// The overview page: every tile with its total and timeline, computed as <c>inspect summary --json</c> computes it
/// (a pass for the span, then one analysing pass), and written in the same JSON (docs/overview-json.md).
/// </summary>
public static class OverviewQuery
{
    public const int DefaultSamples = 20;

    public static string Compute(CaptureQuery query, int samples, Func<string, ScapReader> open, QueryProgress progress)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(progress);
        var path = query.Capture.FullName;
        var filterText = query.CombinedFilter;
        var predicate = CaptureQuery.Compile(filterText);
        CaptureSpan span;
        using (var scan = open(path))
        {
            progress.Watch("span", scan);
            span = CaptureSpan.Measure(scan, query.NewWindow());
        }

        progress.ThrowIfCancelled();
        OverviewBuilder? overview = null;
        var pipeline = new EventPipeline(predicate)
        {
            IncludeInternal = true,
            Window = query.NewWindow(),
            Clock = ts => overview!.Tick(ts),
            Progress = progress.Update,
        };
        overview = new OverviewBuilder(pipeline.Engine, new OverviewOptions
        {
            DurationNs = span.Duration,
            Samples = samples,
            FilterText = filterText.Length == 0 ? null : filterText,
            Filter = predicate,
        });
        using (var reader = open(path))
        {
            progress.Watch("read", reader);
            pipeline.Run(reader, (ref EventContext ctx) => overview.Add(ref ctx));
        }

        return OverviewJson.Write(overview.Build(), samples);
    }
}
