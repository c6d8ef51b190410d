using System.Globalization;
using System.Text;
using Inspect.Analysis.Formatting;

namespace Inspect.Analysis.Views;

/// <summary>Writes a computed view as csysdig's JSON (<c>csysdig -j</c>) or as Inspect's own JSON.</summary>
public static class ViewJson
{
    /// <summary>The document <c>csysdig -r FILE -v VIEW -j -pc [FILTER]</c> prints.</summary>
    public static string Csysdig(ViewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var view = result.View;
        var sb = new StringBuilder("{\"slices\": [\n{\"progress\": 0},\n{\"progress\": 100, ");
        if (result.Rows.Count > 0)
        {
            sb.Append("\"data\": [\n");
            for (var r = 0; r < result.Rows.Count; r++)
            {
                var row = result.Rows[r];
                sb.Append("{\"d\":[");
                Cells(sb, result, row);
                sb.Append("],\"k\":");
                Json.String(sb, row.Key);
                sb.Append(r < result.Rows.Count - 1 ? "},\n" : "}],\n");
            }
        }

        sb.Append("\"count\": ").Append(result.Rows.Count.ToString(CultureInfo.InvariantCulture)).Append(", \"info\": ");
        Info(sb, result);
        return sb.Append("}\n]}").ToString();
    }

    /// <summary>Inspect's own shape: the view's id and name, the column names, and each row as key and values.</summary>
    public static string Inspect(ViewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var view = result.View;
        var sb = new StringBuilder("{\"view\":");
        Json.String(sb, view.Id);
        sb.Append(",\"name\":");
        Json.String(sb, view.Name);
        sb.Append(",\"filter\":");
        Json.String(sb, result.Filter);
        sb.Append(",\"columns\":[");
        sb.AppendJoin(',', view.Columns.Select(c => Quote(c.Name)));
        sb.Append("],\"sortColumn\":");
        Json.String(sb, view.Columns[view.SortColumn].Name);
        sb.Append(",\"drillDownKeyField\":");
        if (view.DrillDownKeyField is { } key && view.DrilldownTarget.Length > 0)
        {
            Json.String(sb, key);
            sb.Append(",\"drillDownTarget\":");
            Json.String(sb, view.DrilldownTarget);
        }
        else
        {
            sb.Append("null");
        }

        sb.Append(",\"rows\":[");
        for (var r = 0; r < result.Rows.Count; r++)
        {
            sb.Append(r > 0 ? "," : "").Append("{\"key\":");
            Json.String(sb, result.Rows[r].Key);
            sb.Append(",\"values\":[");
            Cells(sb, result, result.Rows[r]);
            sb.Append("]}");
        }

        return sb.Append("]}").ToString();
    }

    // csysdig's info object, keys in its JSON library's (alphabetical) order. The filter templates are what Sysdig
    // Inspect puts a selected row's key into: the user's filter (csysdig appends a space to each command-line word)
    // and the view's drill-down template, then (F) the target view's filter.
    private static void Info(StringBuilder sb, ViewResult result)
    {
        var view = result.View;
        sb.Append("{\"appliesTo\":[").AppendJoin(',', view.AppliesTo.Select(Quote)).Append(']');
        var key = view.DrillDownKeyField;
        sb.Append(",\"canDrillDown\":").Append(key is null ? "false" : "true");
        if (key is not null)
        {
            sb.Append(",\"drillDownKeyField\":");
            Json.String(sb, key);
            var user = result.Filter.Length == 0 ? "" : result.Filter + " ";
            var template = ViewFilters.Template(view);
            var noView = template.Length == 0 ? user : ViewFilters.Combine(user, template);
            var withView = ViewFilters.Combine(noView, template.Length == 0 ? view.Filter : view.DrilldownTargetFilter);
            sb.Append(",\"filterTemplate\":");
            Json.String(sb, noView);
            sb.Append(",\"filterTemplateF\":");
            Json.String(sb, withView);
        }

        sb.Append(",\"legend\":[");
        for (var i = 0; i < view.Columns.Count; i++)
        {
            var c = view.Columns[i];
            sb.Append(i > 0 ? "," : "").Append("{\"format\":");
            Json.String(sb, c.LegendFormat);
            sb.Append(",\"name\":");
            Json.String(sb, c.Name);
            sb.Append(",\"size\":").Append(c.Size.ToString(CultureInfo.InvariantCulture)).Append(",\"type\":");
            Json.String(sb, c.LegendType);
            sb.Append('}');
        }

        sb.Append("],\"sortingCol\":").Append(view.CsysdigSortingColumn.ToString(CultureInfo.InvariantCulture)).Append('}');
    }

    private static void Cells(StringBuilder sb, ViewResult result, ViewRow row)
    {
        for (var i = 0; i < row.Cells.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            switch (ViewValueText.Value(result.View.Columns[i], row.Cells[i], result.TimeDeltaNs))
            {
                case long n:
                    sb.Append(n.ToString(CultureInfo.InvariantCulture));
                    break;
                case double d:
                    sb.Append(ViewValueText.JsonDouble(d));
                    break;
                case var v:
                    Json.String(sb, (string)v);
                    break;
            }
        }
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder();
        Json.String(sb, s);
        return sb.ToString();
    }
}
