using System.Reflection;

namespace Inspect.Scap.Events;

/// <summary>Reads the tab-separated schema tables embedded in this assembly (Schema/*.tsv; provenance in FORMAT.md).</summary>
internal static class SchemaResource
{
    public static IEnumerable<string[]> ReadRows(string fileName)
    {
        var name = "Inspect.Scap.Schema." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded schema table {name} is missing from the build");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(line.Split('\t'));
            }
        }

        return rows;
    }
}
