using Inspect.Analysis.Fields;

namespace Inspect.Analysis.Tests;

internal static class FamilyTable
{
    /// <summary>Every field starts with one of the family prefixes, has a description, and is bindable by its own name.</summary>
    public static void AssertWellFormed(IReadOnlyList<FieldDefinition> table, params string[] families)
    {
        Assert.NotEmpty(table);
        Assert.Equal(table.Count, table.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var f in table)
        {
            Assert.Contains(f.Family, families);
            Assert.False(string.IsNullOrWhiteSpace(f.Description), f.Name);
            if ((f.Flags & FieldFlags.RequiresArgument) == 0)
            {
                Assert.Equal(f.Name, FieldRegistry.Bind(f.Name).Text);
            }
            else
            {
                Assert.Throws<FieldException>(() => FieldRegistry.Bind(f.Name));
            }
        }
    }
}
