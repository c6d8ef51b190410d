using System.Text;

namespace Inspect.Cli.Cluster;

/// <summary>Columns aligned as kubectl aligns them (Go's tabwriter with minimum width 6 and padding 3).</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string indent = "")
    {
        var widths = new int[headers.Count];
        for (var c = 0; c < headers.Count; c++)
        {
            var longest = Math.Max(headers[c].Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length));
            widths[c] = Math.Max(6, longest + 3);
        }

        WriteRow(output, headers, widths, indent);
        foreach (var row in rows)
        {
            WriteRow(output, row, widths, indent);
        }
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells, int[] widths, string indent)
    {
        var line = new StringBuilder(indent);
        for (var c = 0; c < cells.Count; c++)
        {
            line.Append(c == cells.Count - 1 ? cells[c] : cells[c].PadRight(widths[c]));
        }

        output.WriteLine(line.ToString().TrimEnd());
    }
}
