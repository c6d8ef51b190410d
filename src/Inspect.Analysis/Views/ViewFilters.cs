namespace Inspect.Analysis.Views;

/// <summary>
/// The filters csysdig and Sysdig Inspect build around a view: two filters combined, and the drill-down template a
/// selected row's key is put into.
/// </summary>
public static class ViewFilters
{
    /// <summary>The placeholder for the selected row's key in csysdig's filter templates.</summary>
    public const string KeyPlaceholder = "@#$f1CA^&;";

    /// <summary>Both filters, each parenthesised, joined by <c>and</c>; either alone when the other is empty (csysdig's combine_filters).</summary>
    public static string Combine(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Length == 0)
        {
            return second;
        }

        return second.Length == 0 ? first : "(" + first + ") and (" + second + ")";
    }

    /// <summary>
    /// The filter a row of <paramref name="view"/> selects, with <see cref="KeyPlaceholder"/> where the row's key goes:
    /// the view's filter and <c>KEYFIELD="key"</c>; empty when the view has no drill-down target or no key.
    /// </summary>
    public static string Template(ViewDefinition view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.DrillDownKeyField is not { } field || view.DrilldownTarget.Length == 0)
        {
            return "";
        }

        var selection = field + "=\"" + KeyPlaceholder + "\"";
        return view.Filter.Length == 0 ? selection : "(" + view.Filter + ") and " + selection;
    }

    /// <summary>
    /// The filter drilling into row <paramref name="key"/> of <paramref name="view"/> adds, as Sysdig Inspect builds it:
    /// the template with its placeholder replaced by the key.
    /// </summary>
    /// <exception cref="ArgumentException">The view has no drill-down.</exception>
    public static string Drill(ViewDefinition view, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var template = Template(view);
        if (template.Length == 0)
        {
            throw new ArgumentException($"view '{view.Id}' has no drill-down", nameof(view));
        }

        return template.Replace(KeyPlaceholder, key, StringComparison.Ordinal);
    }
}
