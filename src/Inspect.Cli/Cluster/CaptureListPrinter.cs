using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inspect.Crds.Capture;
using Inspect.Crds.Validation;
using k8s;

namespace Inspect.Cli.Cluster;

/// <summary><c>inspect capture list</c>: NAME and the CRD's printer columns (the same attributes the CRD is generated
/// from, so the columns are those of <c>kubectl get captures</c>), NAMESPACE first with <c>-A</c>.</summary>
internal static class CaptureListPrinter
{
    private static readonly PrinterColumnAttribute[] Columns =
        [.. typeof(V1Alpha1Capture).GetCustomAttributes<PrinterColumnAttribute>().Where(c => c.Priority == 0).OrderBy(c => c.Order)];

    public static void Write(TextWriter output, IReadOnlyList<V1Alpha1Capture> captures, bool withNamespace, DateTime now)
    {
        var headers = new List<string>();
        if (withNamespace)
        {
            headers.Add("NAMESPACE");
        }

        headers.Add("NAME");
        headers.AddRange(Columns.Select(c => c.Name.ToUpperInvariant()));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var capture in captures
            .OrderBy(c => c.Metadata.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(c => c.Metadata.Name, StringComparer.Ordinal))
        {
            var json = JsonNode.Parse(KubernetesJson.Serialize(capture));
            var row = new List<string>();
            if (withNamespace)
            {
                row.Add(capture.Metadata.NamespaceProperty ?? "");
            }

            row.Add(capture.Metadata.Name ?? "");
            row.AddRange(Columns.Select(c => Cell(Lookup(json, c.JsonPath), c.Type, now)));
            rows.Add(row);
        }

        TextTable.Write(output, headers, rows);
    }

    // Printer-column paths are simple: dot-separated field names from the object's root (.status.phase).
    private static JsonNode? Lookup(JsonNode? node, string path)
    {
        foreach (var field in path.TrimStart('.').Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(field, out var child) ? child : null;
        }

        return node;
    }

    // The API server sends a CRD column's missing value as a null cell, which kubectl leaves blank; a date column
    // shows as the age.
    private static string Cell(JsonNode? value, string type, DateTime now)
    {
        if (value is null)
        {
            return "";
        }

        if (type == "date" && value.GetValueKind() == JsonValueKind.String
            && DateTime.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return HumanDuration.Format(now - time);
        }

        return value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
    }
}
