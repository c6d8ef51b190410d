using Inspect.Crds.Capture;
using Inspect.Crds.Policy;

namespace Inspect.Crds.Generator;

/// <summary>Every root type Inspect serves, and the file its CRD is written to under <c>config/crd/</c>.</summary>
public static class CrdCatalog
{
    /// <summary>The root types with their output file names (<c>&lt;group&gt;_&lt;plural&gt;.yaml</c>, as kubebuilder names them).</summary>
    public static IReadOnlyList<(Type Type, string FileName)> Roots { get; } =
    [
        (typeof(V1Alpha1Capture), "inspect.dev_captures.yaml"),
        (typeof(V1Alpha1CapturePolicy), "inspect.dev_capturepolicies.yaml"),
    ];

    /// <summary>The header every generated file starts with.</summary>
    public const string Header =
        "# Generated from the C# types in src/Inspect.Crds by src/Inspect.Crds.Generator; do not edit.\n" +
        "# Regenerate: dotnet run --project src/Inspect.Crds.Generator (a test fails while this file is stale).\n";

    /// <summary>The text of every generated file, by file name.</summary>
    public static IReadOnlyDictionary<string, string> Render()
    {
        var builder = new CrdBuilder(XmlDocumentation.For(typeof(V1Alpha1Capture).Assembly));
        return Roots.ToDictionary(r => r.FileName, r => Header + "---\n" + YamlWriter.Write(builder.Build(r.Type)), StringComparer.Ordinal);
    }
}
