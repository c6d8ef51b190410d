namespace Inspect.Analysis.Views;

/// <summary>
/// csysdig's row order: numbers (and times) descending, texts and ports ascending; where a value is an average it is
/// compared as one (divided by its count, integer division for integers). Ties fall back to the key, so the order is
/// stable where csysdig's is arbitrary.
/// </summary>
public sealed class ViewRowComparer(ViewColumn column, int index) : IComparer<ViewRow>
{
    private readonly bool _descending = column.LegendType is "INT64" or "INT32" or "UINT32" or "UINT64" or "RELTIME" or "ABSTIME" or "DOUBLE" or "BOOL";

    public int Compare(ViewRow? x, ViewRow? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var order = CompareValues(x.Cells[index], y.Cells[index]);
        if (_descending)
        {
            order = -order;
        }

        return order != 0 ? order : CompareKeys(x.Key, y.Key);
    }

    private int CompareValues(ViewCell a, ViewCell b)
    {
        var averaged = a.Count > 1 || b.Count > 1;
        return column.Kind switch
        {
            ViewCellKind.Integer => averaged ? (a.Integer / Math.Max(a.Count, 1)).CompareTo(b.Integer / Math.Max(b.Count, 1)) : a.Integer.CompareTo(b.Integer),
            ViewCellKind.Real => averaged ? (a.Real / Math.Max(a.Count, 1)).CompareTo(b.Real / Math.Max(b.Count, 1)) : a.Real.CompareTo(b.Real),
            _ => string.CompareOrdinal(a.Text, b.Text),
        };
    }

    // Numeric keys (list row numbers, pids) in numeric order, others ordinally.
    private static int CompareKeys(string a, string b) =>
        long.TryParse(a, out var x) && long.TryParse(b, out var y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);
}
