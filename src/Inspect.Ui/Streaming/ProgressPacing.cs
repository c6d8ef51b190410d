namespace Inspect.Ui.Streaming;

/// <summary>How often a long query reports to the browser while it reads.</summary>
/// <param name="ReportEvery">How often a progress line may be sent.</param>
/// <param name="PartialEvery">How often a query with a partial result (the overview's totals) makes one: often enough
/// to watch the totals grow, seldom enough that making it costs nothing next to the read.</param>
public sealed record ProgressPacing(TimeSpan ReportEvery, TimeSpan PartialEvery)
{
    /// <summary>Five progress lines a second, partial totals twice a second.</summary>
    public static ProgressPacing Default { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500));
}
