using System.Globalization;
using Inspect.Analysis;
using Inspect.Analysis.Filtering;
using Inspect.Analysis.Views;
using Inspect.Ui.Captures;
using Inspect.Ui.Streaming;
using Microsoft.AspNetCore.Http;

namespace Inspect.Ui.Queries;

/// <summary>
/// What every query names in its URL: the capture, the user's sysdig filter, the drill path (<c>drill=VIEW=KEY</c>,
/// repeated, as <c>inspect view --drill</c>) and the time window (<c>from</c>/<c>to</c>, nanoseconds from the
/// capture's first event, as <c>--from +Nns</c>).
/// </summary>
/// <param name="Capture">The capture file, resolved inside the served directory.</param>
/// <param name="Filter">The user's sysdig filter, empty for none.</param>
/// <param name="Scope">The filter of the overview tile the page was opened from (<c>scope=</c>), if any.</param>
/// <param name="Drills">The rows drilled into, outermost first.</param>
/// <param name="From">Start of the time window, nanoseconds from the capture's first event.</param>
/// <param name="To">End of the time window, nanoseconds from the capture's first event.</param>
public sealed record CaptureQuery(FileInfo Capture, string Filter, string Scope, IReadOnlyList<(ViewDefinition View, string Key)> Drills, ulong? From, ulong? To)
{
    /// <summary>The user's filter, the tile's and every drill's, combined as Sysdig Inspect does when drilling down.</summary>
    public string CombinedFilter => Drills.Select(d => RowFilter(d.View, d.Key)).Aggregate(ViewFilters.Combine(Filter, Scope), ViewFilters.Combine);

    /// <summary>
    /// The events row <paramref name="key"/> of <paramref name="view"/> covers: the view's drill-down filter where it
    /// has one (what <c>inspect view --drill</c> adds), else the view's filter and its key field equal to the key.
    /// </summary>
    public static string RowFilter(ViewDefinition view, string key)
    {
        ArgumentNullException.ThrowIfNull(view);
        return ViewFilters.Template(view).Length > 0
            ? ViewFilters.Drill(view, key)
            : ViewFilters.Combine(view.Filter, view.DrillDownKeyField + "=\"" + key + "\"");
    }

    /// <summary>A fresh window per read (a window resolves itself against the capture it reads), or null for all of it.</summary>
    public TimeWindow? NewWindow() => From is null && To is null
        ? null
        : new TimeWindow(From is { } f ? new TimeBound(f, FromCaptureStart: true) : null, To is { } t ? new TimeBound(t, FromCaptureStart: true) : null);

    /// <summary>Identifies the capture's content and the query, for caching results: a rewritten file gets a new key.</summary>
    public string CacheKey => string.Join('\u001f', Capture.FullName, Capture.Length, Capture.LastWriteTimeUtc.Ticks, CombinedFilter, From, To);

    /// <summary>Reads the query's parameters, checking them all before the capture is resolved (which may fetch it,
    /// reporting the download to <paramref name="progress"/>).</summary>
    public static async Task<CaptureQuery> ParseAsync(HttpContext http, ICaptureCatalog captures, QueryProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(captures);
        var request = http.Request;
        var name = request.Query["capture"].ToString();
        if (name.Length == 0)
        {
            throw new ApiException(400, "which capture? pass capture=NAME (see /api/captures)");
        }

        // Kept as written (not trimmed), so an error's column is a column of what the user typed.
        var filter = NonBlank(request.Query["filter"].ToString());
        Compile(filter);
        var scope = NonBlank(request.Query["scope"].ToString());
        Compile(scope);
        var drills = new List<(ViewDefinition, string)>();
        foreach (var drill in request.Query["drill"])
        {
            drills.Add(ParseDrill(drill ?? ""));
        }

        var from = Nanoseconds(request, "from");
        var to = Nanoseconds(request, "to");
        if (from > to)
        {
            throw new ApiException(400, $"from ({from}) is after to ({to}): the window would be empty");
        }

        var capture = await captures.ResolveAsync(http, name, progress, http.RequestAborted).ConfigureAwait(false);
        return new CaptureQuery(capture, filter, scope, drills, from, to);
    }

    /// <summary>Compiles a filter, turning a mistake into a 400 that names its column.</summary>
    public static FilterPredicate? Compile(string filter)
    {
        if (filter.Length == 0)
        {
            return null;
        }

        try
        {
            return FilterCompiler.Compile(filter);
        }
        catch (FilterException e)
        {
            throw new ApiException(400, $"filter error at column {e.Column}: {e.Reason}", e.Column);
        }
    }

    private static string NonBlank(string text) => string.IsNullOrWhiteSpace(text) ? "" : text;

    // VIEW=KEY: the row KEY of VIEW drilled into, as `inspect view --drill`.
    private static (ViewDefinition, string) ParseDrill(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var view = eq > 0 ? ViewCatalog.Find(text[..eq]) : null;
        if (view?.DrillDownKeyField is null)
        {
            throw new ApiException(400, $"drill '{text}': expected VIEW=KEY with a view whose rows have keys");
        }

        return (view, text[(eq + 1)..]);
    }

    private static ulong? Nanoseconds(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ns)
            ? ns
            : throw new ApiException(400, $"{name} '{text}': nanoseconds from the capture's first event, a whole number");
    }
}
