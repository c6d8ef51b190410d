namespace Inspect.Analysis.Overview;

/// <summary>The overview page's sections, in the order Sysdig Inspect shows them.</summary>
public static class OverviewCategories
{
    public static IReadOnlyList<(string Id, string Name)> All { get; } =
    [
        ("general", "General"),
        ("file", "File"),
        ("network", "Network"),
        ("napps", "Network Apps"),
        ("security", "Security"),
        ("performance", "Performance"),
        ("logs", "Logs"),
        ("infrastructure", "Infrastructure"),
    ];

    public static string NameOf(string id) => All.FirstOrDefault(c => c.Id == id).Name ?? id;
}
