using System.Globalization;
using System.Text;
using Inspect.Analysis.Formatting;

namespace Inspect.Analysis.Views;

/// <summary>Writes a computed view as csysdig's JSON (<c>csysdig -j</c>) or as Inspect's own JSON.</summary>
public static class ViewJson
{
    /// <summary>The document <c>csysdig -r FILE -v VIEW -j -pc</c> prints.</summary>
    public static string Csysdig(ViewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("{\"slices\": [\n{\"progress\": 0},\n{\"progress\": 100, ");
        if (result.Rows.Count > 0)
        {
            sb.Append("\"data\": [\n");
            for (var r = 0; r < result.Rows.Count; r++)
            {
                var row = result.Rows[r];
                sb.Append("{\"d\":[");
                for (var i = 0; i < row.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Cell(sb, row.Values[i]);
                }

                sb.Append("],\"k\":");
                Json.String(sb, row.Key);
                sb.Append(r < result.Rows.Count - 1 ? "},\n" : "}],\n");
            }
        }

        sb.Append("\"count\": ").Append(result.Rows.Count.ToString(CultureInfo.InvariantCulture)).Append(", \"info\": ");
        sb.Append(result.View.InfoHead).Append("\"legend\":[");
        for (var i = 0; i < result.View.Columns.Count; i++)
        {
            var c = result.View.Columns[i];
            sb.Append(i > 0 ? "," : "").Append("{\"format\":");
            Json.String(sb, c.LegendFormat);
            sb.Append(",\"name\":");
            Json.String(sb, c.Name);
            sb.Append(",\"size\":").Append(c.Size.ToString(CultureInfo.InvariantCulture)).Append(",\"type\":");
            Json.String(sb, c.LegendType);
            sb.Append('}');
        }

        sb.Append("],\"sortingCol\":").Append(result.View.CsysdigSortingColumn.ToString(CultureInfo.InvariantCulture)).Append("}}\n]}");
        return sb.ToString();
    }

    /// <summary>Inspect's own shape: the view's id and name, the column names, and each row as key and values.</summary>
    public static string Inspect(ViewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder("{\"view\":");
        Json.String(sb, result.View.Id);
        sb.Append(",\"name\":");
        Json.String(sb, result.View.Name);
        sb.Append(",\"columns\":[");
        sb.AppendJoin(',', result.View.Columns.Select(c => Quote(c.Name)));
        sb.Append("],\"sortColumn\":");
        Json.String(sb, result.View.Columns[result.View.SortColumn].Name);
        sb.Append(",\"rows\":[");
        for (var r = 0; r < result.Rows.Count; r++)
        {
            sb.Append(r > 0 ? "," : "").Append("{\"key\":");
            Json.String(sb, result.Rows[r].Key);
            sb.Append(",\"values\":[");
            for (var i = 0; i < result.Rows[r].Values.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                Cell(sb, result.Rows[r].Values[i]);
            }

            sb.Append("]}");
        }

        return sb.Append("]}").ToString();
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder();
        Json.String(sb, s);
        return sb.ToString();
    }

    private static void Cell(StringBuilder sb, object value)
    {
        if (value is long n)
        {
            sb.Append(n.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            Json.String(sb, (string)value);
        }
    }
}
