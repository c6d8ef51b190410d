namespace Inspect.Analysis.Views;

/// <summary>
/// Folds one value into a row's aggregate, each of csysdig's aggregations once (libsinsp's table add_fields): SUM and
/// TIME_AVG add (or, when the value being added is itself an average, add the two averages); AVG adds values and
/// counts; MAX keeps the larger number or the latest text; NONE keeps the first value.
/// </summary>
internal static class ViewAggregator
{
    public static ViewCell Add(ViewCellKind kind, ViewAggregation aggregation, ViewCell dst, ViewCell src)
    {
        switch (aggregation)
        {
            case ViewAggregation.Sum or ViewAggregation.TimeAverage:
                return src.Count < 2 ? Sum(kind, dst, src, dst.Count) : SumOfAverages(kind, dst, src);
            case ViewAggregation.Average:
                return Sum(kind, dst, src, dst.Count + src.Count);
            case ViewAggregation.Max:
                return Max(kind, dst, src);
            default:
                return dst;
        }
    }

    private static ViewCell Sum(ViewCellKind kind, ViewCell dst, ViewCell src, uint count) => kind switch
    {
        ViewCellKind.Integer => dst with { Integer = unchecked(dst.Integer + src.Integer), Count = count },
        ViewCellKind.Real => dst with { Real = dst.Real + src.Real, Count = count },
        _ => dst with { Count = count },
    };

    // Both sides become plain values again (count 1): sysdig divides each by its count before adding.
    private static ViewCell SumOfAverages(ViewCellKind kind, ViewCell dst, ViewCell src) => kind switch
    {
        ViewCellKind.Integer => dst with { Integer = (dst.Count > 1 ? dst.Integer / dst.Count : dst.Integer) + (src.Integer / src.Count), Count = 1 },
        ViewCellKind.Real => dst with { Real = (dst.Count > 1 ? dst.Real / dst.Count : dst.Real) + (src.Real / src.Count), Count = 1 },
        _ => dst with { Count = 1 },
    };

    private static ViewCell Max(ViewCellKind kind, ViewCell dst, ViewCell src) => kind switch
    {
        ViewCellKind.Integer => src.Integer > dst.Integer ? dst with { Integer = src.Integer } : dst,
        ViewCellKind.Real => src.Real > dst.Real ? dst with { Real = src.Real } : dst,

        // For text sysdig's MAX copies the newer value over the older one.
        _ => dst with { Text = src.Text },
    };
}
