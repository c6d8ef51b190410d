using System.Buffers.Binary;
using System.Globalization;
using Inspect.Analysis.Events;
using Inspect.Analysis.Filtering;
using Inspect.Analysis.State;
using Inspect.Scap.Events;
using Inspect.Scap.Reading;

namespace Inspect.Analysis.Views;

/// <summary>One row of a computed view: its key and one aggregate per shown column.</summary>
public sealed record ViewRow(string Key, IReadOnlyList<ViewCell> Cells);

/// <summary>
/// A computed view: its definition, its rows in csysdig's order, the filter it ran with (user and drill-down filters,
/// without the view's own) and the capture time it covered (csysdig's divisor for per-second averages).
/// </summary>
public sealed record ViewResult(ViewDefinition View, IReadOnlyList<ViewRow> Rows, string Filter, ulong TimeDeltaNs);

/// <summary>
/// Computes one view over a stream of events the way csysdig's tables do (libsinsp <c>sinsp_table</c>): every event
/// that passes the filter gives one value per column (or a default, or is skipped), values fold into one aggregate
/// per key; at the end of the capture every thread still known adds one more sample (so idle processes are listed),
/// then rows are merged by the group-by key when the view has one, and sorted. Memory is one aggregate per key (per
/// event only for list views). Feed it every event (<see cref="Add"/>), then <see cref="Build"/>.
/// </summary>
public sealed class ViewBuilder
{
    private const ushort ThreadSampleEvent = 197; // PPME_SYSDIGEVENT_X: the type csysdig gives its per-thread samples

    private readonly ViewDefinition _view;
    private readonly string _userFilter;
    private readonly FilterPredicate? _filter;
    private readonly ViewColumn[] _columns; // key first, then the others in definition order
    private readonly ViewExtractor[] _extractors;

    // Per column, resolved once: the cell kind, the aggregation, and whether a missing value takes a default.
    private readonly ViewCellKind[] _kinds;
    private readonly ViewAggregation[] _aggregations;
    private readonly bool[] _defaults;
    private readonly ViewCell[] _scratch;
    private readonly Dictionary<string, ViewCell[]> _rows = new(StringComparer.Ordinal);

    // Rows of views keyed by a number (tids, pids, ports), by the number itself: no key text per event.
    private readonly Dictionary<long, ViewCell[]> _rowsByNumber = [];
    private readonly List<ViewRow> _list = [];
    private ulong _firstTimestamp;
    private ulong _lastTimestamp;

    /// <param name="view">The view to compute.</param>
    /// <param name="filter">The user's filter (with any drill-down filters), combined with the view's own; empty for none.</param>
    /// <exception cref="Fields.FieldException">The view names an unknown field.</exception>
    /// <exception cref="FilterException">The combined filter does not compile.</exception>
    public ViewBuilder(ViewDefinition view, string filter = "")
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(filter);
        _view = view;
        _userFilter = filter;
        var combined = ViewFilters.Combine(filter, view.Filter);
        _filter = combined.Length == 0 ? null : FilterCompiler.Compile(combined);
        _columns = view.Kind == ViewKind.Table
            ? [.. view.AllColumns.Where(c => c.Role == ViewColumnRole.Key), .. view.AllColumns.Where(c => c.Role != ViewColumnRole.Key)]
            : [.. view.AllColumns];
        _extractors = [.. _columns.Select(ViewFields.Bind)];
        _kinds = [.. _columns.Select(c => c.Kind)];
        _aggregations = [.. _columns.Select(c => c.Aggregation)];
        _defaults = [.. _columns.Select(c => view.UseDefaults && c.HasDefault)];
        _scratch = new ViewCell[_columns.Length];
    }

    public void Add(ref EventContext ctx)
    {
        var ts = ctx.Event.Timestamp;
        if (_firstTimestamp == 0)
        {
            _firstTimestamp = ts;
        }

        _lastTimestamp = ts;
        Process(ref ctx);
    }

    /// <summary>Adds the end-of-capture sample of every thread in <paramref name="engine"/>, merges, sorts and returns the rows.</summary>
    /// <param name="engine">The state at the end of the capture.</param>
    /// <param name="renderer">Renders the parameters of the threads' samples.</param>
    /// <param name="top">Only the first rows in the view's order, selected without sorting the others; null for all.</param>
    public ViewResult Build(StateEngine engine, ArgRenderer renderer, int? top = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (top is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top, "the number of rows cannot be negative");
        }

        AddThreadSamples(engine, renderer);
        var rows = _view.Kind == ViewKind.List ? _list : Table();
        rows = TopRows.Select(rows, new ViewRowComparer(_view.Columns[_view.SortColumn], _view.SortColumn), top ?? rows.Count);
        return new ViewResult(_view, rows, _userFilter, _lastTimestamp - _firstTimestamp);
    }

    private void Process(ref EventContext ctx)
    {
        if (_filter is not null && !_filter(ref ctx))
        {
            return;
        }

        // csysdig extracts the columns in order and drops the event at the first one that has no value and no default.
        Span<ViewCell> cells = _scratch;
        var extractors = _extractors;
        var defaults = _defaults;
        for (var i = 0; i < extractors.Length && i < defaults.Length; i++)
        {
            var cell = extractors[i](ref ctx);
            if (cell.IsNull)
            {
                if (!defaults[i])
                {
                    return;
                }

                cell = ViewCell.Default;
            }

            cells[i] = cell;
        }

        if (_view.Kind == ViewKind.List)
        {
            // A list row's key is its position among the rows (csysdig's util.cnt).
            _list.Add(new ViewRow((_list.Count + 1).ToString(CultureInfo.InvariantCulture), cells.ToArray()));
            return;
        }

        ViewCell[]? row;
        if (_kinds[0] == ViewCellKind.Integer)
        {
            if (!_rowsByNumber.TryGetValue(cells[0].Integer, out row))
            {
                _rowsByNumber.Add(cells[0].Integer, cells[1..].ToArray());
                return;
            }
        }
        else
        {
            var key = KeyText(_kinds[0], cells[0]);
            if (!_rows.TryGetValue(key, out row))
            {
                _rows.Add(key, cells[1..].ToArray());
                return;
            }
        }

        var kinds = _kinds;
        var aggregations = _aggregations;
        for (var i = 1; i < cells.Length && i < kinds.Length && i < aggregations.Length && i - 1 < row.Length; i++)
        {
            row[i - 1] = ViewAggregator.Add(kinds[i], aggregations[i], row[i - 1], cells[i]);
        }
    }

    // csysdig samples its thread table once more when it emits the table, with an event of no parameters per thread,
    // timestamped just before the second the last event fell in.
    private void AddThreadSamples(StateEngine engine, ArgRenderer renderer)
    {
        var info = EventTable.TryGet(ThreadSampleEvent);
        if (info is null)
        {
            return;
        }

        var ts = _lastTimestamp - (_lastTimestamp % 1_000_000_000UL) - 1;
        Span<byte> header = stackalloc byte[26];
        foreach (var thread in engine.Threads.All.ToList())
        {
            var evt = ScapEvent.Synthetic(header, ts, thread.Tid, ThreadSampleEvent);
            var ctx = new EventContext(evt, info, 0, engine, renderer) { ParsedThread = thread };
            Process(ref ctx);
        }
    }

    private List<ViewRow> Table()
    {
        var shown = _columns.Select((c, i) => (c, i)).Where(p => p.c.Role == ViewColumnRole.Value).Select(p => p.i - 1).ToArray();
        var groupBy = Array.FindIndex(_columns, c => c.Role == ViewColumnRole.GroupByKey);
        var keyed = _kinds[0] == ViewCellKind.Integer
            ? _rowsByNumber.Select(r => KeyValuePair.Create(KeyText(ViewCellKind.Integer, ViewCell.Of(r.Key)), r.Value))
            : _rows;
        if (groupBy < 0)
        {
            return [.. keyed.Select(r => new ViewRow(r.Key, [.. shown.Select(i => r.Value[i])]))];
        }

        // Second step: rows merge by the group-by column, each column with its group-by aggregation.
        var merged = new Dictionary<string, ViewCell[]>(StringComparer.Ordinal);
        // csysdig walks its keyed rows in hash-table order, which decides the result where a column's group-by
        // aggregation mixes averaged and plain values (see docs); Inspect walks them in the order keys first appeared.
        foreach (var values in keyed.Select(r => r.Value))
        {
            var key = KeyText(_kinds[groupBy], values[groupBy - 1]);
            if (!merged.TryGetValue(key, out var row))
            {
                merged.Add(key, [.. shown.Select(i => values[i])]);
                continue;
            }

            for (var j = 0; j < shown.Length; j++)
            {
                var column = _columns[shown[j] + 1];
                row[j] = ViewAggregator.Add(column.Kind, column.GroupByAggregation, row[j], values[shown[j]]);
            }
        }

        return [.. merged.Select(r => new ViewRow(r.Key, r.Value))];
    }

    private static string KeyText(ViewCellKind kind, ViewCell cell) => kind switch
    {
        ViewCellKind.Integer => cell.Integer.ToString(CultureInfo.InvariantCulture),
        ViewCellKind.Real => cell.Real.ToString("R", CultureInfo.InvariantCulture),
        _ => cell.Text ?? "",
    };
}
