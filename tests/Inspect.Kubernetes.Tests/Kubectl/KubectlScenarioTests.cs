using System.Text.Json.Nodes;
using Inspect.Crds.Common;
using Inspect.Kubernetes.TestServer.Handlers;

namespace Inspect.Kubernetes.Tests.Kubectl;

/// <summary>The real kubectl, an independent client, drives the test server through a Capture's life: install the
/// CRDs, apply the samples, get with printer columns, describe, wait for a phase set through the status
/// subresource, watch, delete through a finalizer.</summary>
public sealed class KubectlScenarioTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Capture_life_through_kubectl()
    {
        await using var k = await KubectlSession.StartAsync();
        var crds = k.Ok("apply", "-f", "config/crd/");
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/captures.inspect.dev created", crds);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/capturepolicies.inspect.dev created", crds);
        k.Ok("wait", "--for=condition=Established", "crd/captures.inspect.dev", "--timeout=10s");

        var applied = k.Ok("apply", "-f", "config/samples/");
        Assert.Contains("capture.inspect.dev/checkout-incident created", applied);
        Assert.Contains("capture.inspect.dev/ingress-nodes created", applied);
        Assert.Contains("capturepolicy.inspect.dev/terminal-shell created", applied);
        Assert.Contains("unchanged", k.Ok("apply", "-f", "config/samples/capture-node-directory.yaml"));

        // Defaults from the schema were filled in by the server.
        Assert.Equal("80", k.Ok("get", "capture", "ingress-nodes", "-o", "jsonpath={.spec.snaplen}"));
        Assert.Equal("true", k.Ok("get", "capture", "checkout-incident", "-o", "jsonpath={.spec.redaction.builtInRules}"));
        Assert.Equal("1", k.Ok("get", "capture", "checkout-incident", "-o", "jsonpath={.metadata.generation}"));

        // Long enough to outlast the scenario on a loaded machine; the test waits for it to end.
        var watch = k.Start("get", "captures", "--watch", "--output-watch-events", "--request-timeout=25s");
        var wait = k.Start("wait", "--for=jsonpath={.status.phase}=Succeeded", "capture/checkout-incident", "--timeout=20s");
        await Task.Delay(TimeSpan.FromMilliseconds(700), TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted, "kubectl wait returned before the phase was set");

        SetStatus(k, "checkout-incident", """{"phase":"Running","nodeCount":2,"events":1500,"bytes":1048576,"size":"1.0Mi"}""");
        SetStatus(k, "checkout-incident", """
            {"phase":"Succeeded","observedGeneration":1,"nodeCount":2,"events":123456,"bytes":13002342,"size":"12.4Mi",
             "redacted":7,"redactions":{"http-authorization":4,"ticket-id":3},
             "conditions":[{"type":"Ready","status":"True","reason":"Succeeded","message":"2 of 2 nodes stored their files","lastTransitionTime":"2026-01-01T00:00:00Z"}],
             "nodes":[{"node":"node-a","phase":"Succeeded","events":61728,"bytes":6501171,"drops":0,"redactions":{"http-authorization":4,"ticket-id":3},"artifactUri":"s3://forensics/captures/default/checkout-incident/node-a.scap.gz"},
                      {"node":"node-b","phase":"Succeeded","events":61728,"bytes":6501171,"drops":3,"artifactUri":"s3://forensics/captures/default/checkout-incident/node-b.scap.gz"}],
             "summary":{"events":123456,"durationSeconds":300,"topProcesses":[{"name":"java","count":90000}],"findings":["shell spawned in container checkout"]}}
            """);
        var waited = await wait.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.True(waited.ExitCode == 0, waited.Stderr);
        Assert.Contains("capture.inspect.dev/checkout-incident condition met", waited.Stdout);

        // Printer columns: phase, nodes, events, size, secrets masked, age.
        var table = k.Ok("get", "captures");
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+PHASE\s+NODES\s+EVENTS\s+SIZE\s+REDACTED\s+AGE$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^checkout-incident\s+Succeeded\s+2\s+123456\s+12\.4Mi\s+7\s+\d+s$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^ingress-nodes\s+\d+s$"));
        Assert.Contains("terminal-shell", k.Ok("get", "inspect"));

        var described = k.Ok("describe", "capture", "checkout-incident");
        Assert.Contains("Phase:", described);
        Assert.Contains("Succeeded", described);
        Assert.Contains("s3://forensics/captures/default/checkout-incident/node-b.scap.gz", described);
        Assert.Contains("shell spawned in container checkout", described);
        // kubectl describe spells map keys as labels: ticket-id becomes "Ticket - Id".
        Assert.Matches(@"\n  Redacted:\s+7\n  Redactions:\n    Http - Authorization:\s+4\n    Ticket - Id:\s+3\n", described);

        // A spec change through kubectl bumps the generation; the status survives the main endpoint.
        k.Ok("patch", "capture", "checkout-incident", "--type=merge", "-p", """{"spec":{"snaplen":512},"status":{"phase":"Failed"}}""");
        Assert.Equal("2 Succeeded", k.Ok("get", "capture", "checkout-incident", "-o", "jsonpath={.metadata.generation} {.status.phase}"));

        // Delete waits on the finalizer until the operator (here: the test) removes it.
        k.Ok("patch", "capture", "checkout-incident", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":[\"" + InspectNames.CaptureFinalizer + "\"]}}");
        var delete = k.Start("delete", "capture", "checkout-incident", "--timeout=20s");
        await WaitUntil(() => k.Run("get", "capture", "checkout-incident", "-o", "jsonpath={.metadata.deletionTimestamp}").Stdout.Length > 0);
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        Assert.False(delete.IsCompleted, "kubectl delete returned while the finalizer was still there");
        k.Ok("patch", "capture", "checkout-incident", "--type=json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""");
        var deleted = await delete.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        Assert.Contains("NotFound", k.Run("get", "capture", "checkout-incident").Stderr);

        // The watch saw the whole story.
        var watched = (await watch.WaitAsync(Patience, TestContext.Current.CancellationToken)).Stdout;
        Assert.Matches(@"ADDED\s+checkout-incident", watched);
        Assert.Matches(@"MODIFIED\s+checkout-incident\s+Running", watched);
        Assert.Matches(@"MODIFIED\s+checkout-incident\s+Succeeded", watched);
        Assert.Matches(@"DELETED\s+checkout-incident", watched);
    }

    [Theory]
    [InlineData("capture-snaplen-too-large.yaml",
        "The Capture \"too-much-payload\" is invalid: spec.snaplen: Invalid value: 70000: spec.snaplen in body should be less than or equal to 65000")]
    [InlineData("capture-two-targets.yaml",
        "The Capture \"two-targets\" is invalid: spec.targets: Invalid value: \"object\": exactly one of podSelector, podNames, nodeSelector or containerIds must be set")]
    [InlineData("capture-escaping-path.yaml", "spec.output.nodeDirectory.path: Invalid value: \"string\": path must not contain '..'")]
    [InlineData("capture-redaction-rule-both.yaml", "spec.redaction.rules[0]: Invalid value: \"object\": exactly one of regex and literal must be set")]
    public async Task Invalid_samples_are_refused_by_kubectl_apply(string file, string message)
    {
        await using var k = await KubectlSession.StartAsync();
        if (message.Contains("\"object\"", StringComparison.Ordinal) || message.Contains("\"string\"", StringComparison.Ordinal))
        {
            Tools.RequireCel();
        }

        k.Ok("apply", "-f", "config/crd/");
        var result = k.Run("apply", "-f", Path.Combine("config", "samples", "invalid", file));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Empty(k.Server.Store.List("captures.inspect.dev", "default").Items);
    }

    [Fact]
    public async Task Unknown_fields_are_refused_under_strict_field_validation()
    {
        await using var k = await KubectlSession.StartAsync();
        k.Ok("apply", "-f", "config/crd/");
        var path = Path.Combine(Path.GetTempPath(), $"unknown-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "apiVersion: inspect.dev/v1alpha1\nkind: Capture\nmetadata: {name: typo}\nspec: {targets: {podNames: [a]}, duration: 1m, snaplne: 10}\n");
        try
        {
            var strict = k.Run("apply", "-f", path);
            Assert.NotEqual(0, strict.ExitCode);
            Assert.Contains("strict decoding error: unknown field \"spec.snaplne\"", strict.Stderr);
            var lax = k.Run("apply", "-f", path, "--validate=warn");
            Assert.Equal(0, lax.ExitCode);
            Assert.Contains("unknown field \"spec.snaplne\"", lax.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Explain_reads_the_field_docs_from_openapi()
    {
        await using var k = await KubectlSession.StartAsync();
        k.Ok("apply", "-f", "config/crd/");
        var explained = k.Ok("explain", "capture.spec.snaplen");
        Assert.Contains("FIELD: snaplen <integer>", explained);
        Assert.Contains("Payload bytes kept per I/O call", explained);
        Assert.Contains("nodeDirectory", k.Ok("explain", "capture.spec.output"));
    }

    [Fact]
    public async Task Kubectl_sends_the_bearer_token_and_is_refused_without_one()
    {
        await using var k = await KubectlSession.StartAsync();
        k.Server.Access.RequireAuthentication = true;
        k.Server.WriteKubeconfig(k.Kubeconfig, "not-a-known-token");
        var anonymous = k.Run("get", "namespaces");
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.True(anonymous.Stderr.Contains("the server has asked for the client to provide credentials", StringComparison.Ordinal), anonymous.Stderr);

        k.Server.Access.AddUser("alice", "alice-token");
        k.Server.Access.EnforceAuthorization = true;
        k.Server.Access.Allow(new("alice", ["get", "list"], ["namespaces"]));
        k.Server.WriteKubeconfig(k.Kubeconfig, "alice-token");
        Assert.Contains("kube-system", k.Ok("get", "namespaces"));
        var forbidden = k.Run("get", "secrets", "-n", "kube-system");
        Assert.Contains("secrets is forbidden: User \"alice\" cannot list resource \"secrets\" in API group \"\" in the namespace \"kube-system\"", forbidden.Stderr);
        Assert.Equal("yes", k.Ok("auth", "can-i", "list", "namespaces").Trim());
        Assert.Equal("no", k.Run("auth", "can-i", "delete", "namespaces").Stdout.Trim());
    }

    private static void SetStatus(KubectlSession k, string name, string statusJson) =>
        k.Ok("patch", "capture", name, "--subresource=status", "--type=merge", "-p", new JsonObject { ["status"] = JsonNode.Parse(statusJson) }.ToJsonString());

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
