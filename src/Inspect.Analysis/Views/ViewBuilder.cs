using Inspect.Analysis.Events;
using Inspect.Analysis.Filtering;

namespace Inspect.Analysis.Views;

/// <summary>One row of a computed view: its key and one value per column (a long or a string).</summary>
public sealed record ViewRow(string Key, IReadOnlyList<object> Values);

/// <summary>A computed view: its definition and its rows in csysdig's order (sorting column, descending).</summary>
public sealed record ViewResult(ViewDefinition View, IReadOnlyList<ViewRow> Rows);

/// <summary>
/// Computes one view over a stream of events, holding one aggregate per key: feed it every event the pipeline
/// shows (<see cref="Add"/>), then <see cref="Build"/>. Several builders can share one pass.
/// </summary>
public sealed class ViewBuilder
{
    private readonly ViewDefinition _view;
    private readonly FilterPredicate _filter;
    private readonly ViewExtractor _key;
    private readonly ViewExtractor[] _columns;
    private readonly Dictionary<string, Aggregate> _rows = new(StringComparer.Ordinal);
    private readonly ViewCell[] _cells;

    /// <exception cref="Fields.FieldException">The view names an unknown field.</exception>
    public ViewBuilder(ViewDefinition view)
    {
        ArgumentNullException.ThrowIfNull(view);
        _view = view;
        _filter = FilterCompiler.Compile(view.Filter);
        _key = ViewFields.Bind(view.KeyField, ViewValueKind.Text);
        _columns = [.. view.Columns.Select(c => ViewFields.Bind(c.Field, c.Kind))];
        _cells = new ViewCell[_columns.Length];
    }

    public void Add(ref EventContext ctx)
    {
        if (!_filter(ref ctx))
        {
            return;
        }

        var key = _key(ref ctx);
        if (key.IsNull)
        {
            return;
        }

        // Like csysdig, an event whose plain (not aggregated) columns have no value is not counted: a listening or
        // unbound socket has no local/remote address, so it makes no row of the connections view.
        Span<ViewCell> cells = _cells;
        for (var i = 0; i < _columns.Length; i++)
        {
            cells[i] = _columns[i](ref ctx);
            if (cells[i].IsNull && _view.Columns[i].Aggregation == ViewAggregation.None)
            {
                return;
            }
        }

        var keyText = key.Text ?? key.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!_rows.TryGetValue(keyText, out var row))
        {
            row = new Aggregate(_columns.Length);
            _rows.Add(keyText, row);
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            row.Add(i, _view.Columns[i], cells[i]);
        }
    }

    public ViewResult Build()
    {
        var sort = _view.SortColumn;
        var rows = _rows
            .Select(kv => new ViewRow(kv.Key, kv.Value.Values(_view.Columns)))
            .OrderByDescending(r => r.Values[sort], ValueComparer.Instance)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        return new ViewResult(_view, rows);
    }

    private sealed class Aggregate(int columns)
    {
        private readonly long[] _numbers = new long[columns];
        private readonly string?[] _texts = new string?[columns];
        private readonly bool[] _seen = new bool[columns];

        public void Add(int i, ViewColumn column, ViewCell cell)
        {
            if (cell.IsNull)
            {
                return;
            }

            switch (column.Aggregation)
            {
                case ViewAggregation.None:
                    if (!_seen[i])
                    {
                        _numbers[i] = cell.Number;
                        _texts[i] = cell.Text;
                    }

                    break;
                case ViewAggregation.Max:
                    if (!_seen[i] || (cell.Text is null ? cell.Number > _numbers[i] : string.CompareOrdinal(cell.Text, _texts[i]) > 0))
                    {
                        _numbers[i] = cell.Number;
                        _texts[i] = cell.Text;
                    }

                    break;
                default:
                    _numbers[i] += cell.Number;
                    break;
            }

            _seen[i] = true;
        }

        public object[] Values(IReadOnlyList<ViewColumn> columns) =>
            [.. columns.Select((c, i) => c.Kind == ViewValueKind.Number ? (object)_numbers[i] : _texts[i] ?? "")];
    }

    private sealed class ValueComparer : IComparer<object>
    {
        public static readonly ValueComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (long a, long b) => a.CompareTo(b),
            (string a, string b) => string.CompareOrdinal(a, b),
            _ => 0,
        };
    }
}
