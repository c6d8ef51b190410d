using Inspect.Crds.Generator;
using Inspect.Kubernetes.TestServer.Yaml;

namespace Inspect.Kubernetes.Tests.Crds;

/// <summary>config/crd is generated from the C# types; this fails while the committed YAML is stale.</summary>
public sealed class CommittedCrdTests
{
    public static TheoryData<string> Files => [.. CrdCatalog.Roots.Select(r => r.FileName)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Committed_yaml_matches_the_csharp_types(string fileName)
    {
        var expected = CrdCatalog.Render()[fileName];
        var path = Path.Combine(Tools.CrdDirectory, fileName);
        Assert.True(File.Exists(path), $"{path} is missing: run `dotnet run --project src/Inspect.Crds.Generator`");
        var actual = File.ReadAllText(path);
        Assert.True(expected == actual,
            $"{path} is stale: the C# types in src/Inspect.Crds changed. Regenerate with `dotnet run --project src/Inspect.Crds.Generator` and commit the result.");
    }

    [Fact]
    public void No_other_files_are_in_the_crd_directory()
    {
        var known = CrdCatalog.Roots.Select(r => r.FileName).ToHashSet();
        var extra = Directory.GetFiles(Tools.CrdDirectory).Select(Path.GetFileName).Where(f => !known.Contains(f!)).ToList();
        Assert.Empty(extra);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Written_yaml_reads_back_as_the_built_object(string fileName)
    {
        var root = CrdCatalog.Roots.Single(r => r.FileName == fileName).Type;
        var built = new CrdBuilder(XmlDocumentation.For(root.Assembly)).Build(root);
        var parsed = YamlToJson.ParseDocuments(CrdCatalog.Render()[fileName]).Single();
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(built, parsed), "the YAML writer changed a value on the way");
    }

    [Fact]
    public void Generator_check_mode_passes_on_the_committed_files()
    {
        var result = Inspect.TestSupport.ExternalProcess.Run("dotnet",
            [typeof(CrdCatalog).Assembly.Location, "--check", Tools.CrdDirectory], TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.Stderr);
    }
}
