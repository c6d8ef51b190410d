using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Inspect.Kubernetes.TestServer.Cel;

/// <summary>Evaluates CEL with a real implementation, the npm package <c>@marcbachmann/cel-js</c>, in a node
/// subprocess (one per batch; tests only). The package is installed by scripts/install-deps under
/// <c>.tools/node_modules</c>.</summary>
public sealed class NodeCelEvaluator(string celJsModuleDirectory) : ICelEvaluator
{
    /// <summary>The package directory, for callers that check it is installed.</summary>
    public string ModuleDirectory { get; } = celJsModuleDirectory;

    /// <summary>The evaluator over <c>&lt;repo&gt;/.tools/node_modules/@marcbachmann/cel-js</c>, or null when the package
    /// or node is missing.</summary>
    public static NodeCelEvaluator? FromRepository(string repoRoot)
    {
        var dir = Path.Combine(repoRoot, ".tools", "node_modules", "@marcbachmann", "cel-js");
        return File.Exists(Path.Combine(dir, "package.json")) ? new NodeCelEvaluator(dir) : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<CelOutcome> Evaluate(IReadOnlyList<CelCheck> checks)
    {
        if (checks.Count == 0)
        {
            return [];
        }

        var script = Path.Combine(AppContext.BaseDirectory, "Cel", "cel-eval.mjs");
        var entry = Path.Combine(ModuleDirectory, "lib", "index.js");
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(entry);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start node");
        var input = new JsonArray([.. checks.Select(c => (JsonNode)new JsonObject
        {
            ["rule"] = c.Rule,
            ["self"] = c.Self?.DeepClone(),
            ["oldSelf"] = c.OldSelf?.DeepClone(),
            ["hasOldSelf"] = c.OldSelf is not null,
            ["variables"] = c.Variables?.DeepClone(),
        })]);
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the CEL evaluator did not finish in 30 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the CEL evaluator failed ({process.ExitCode}): {stderr.Result}");
        }

        var results = JsonNode.Parse(stdout.Result) as JsonArray ?? throw new InvalidOperationException("no results from the CEL evaluator");
        return [.. results.Select(r => new CelOutcome(r?["ok"]?.GetValue<bool>() == true, Json.Str(r, "error")))];
    }
}
