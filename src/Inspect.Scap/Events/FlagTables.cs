using System.Globalization;

namespace Inspect.Scap.Events;

/// <summary>Names of flag bits and enum values used when printing parameters (the driver's flag tables), from the embedded <c>flags.tsv</c>.</summary>
public static class FlagTables
{
    private static readonly Dictionary<string, FlagName[]> Tables = SchemaResource.ReadRows("flags.tsv")
        .GroupBy(r => r[0], StringComparer.Ordinal)
        .ToDictionary(
            g => g.Key,
            g => g.Select(r => new FlagName(r[1], ulong.Parse(r[2], CultureInfo.InvariantCulture))).ToArray(),
            StringComparer.Ordinal);

    /// <summary>The entries of table <paramref name="name"/> in the driver's order, or an empty list when there is no such table.</summary>
    public static IReadOnlyList<FlagName> Get(string name) => Tables.TryGetValue(name, out var t) ? t : [];
}

/// <summary>One named flag bit (or enum value).</summary>
public readonly record struct FlagName(string Name, ulong Value);
