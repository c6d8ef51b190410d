using System.Text.Json.Nodes;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Tests.Support;
using Inspect.TestSupport;
using k8s;

namespace Inspect.Operator.Tests.Cli;

/// <summary>
/// <c>inspect capture create|list|get|delete</c> against the whole system in one process (API test server, operator,
/// two agents): a kubeconfig pointing at the test server, as a user's would point at a cluster.
/// </summary>
public sealed class CaptureVerbsTests
{
    private static readonly string[] Nodes = ["node-a", "node-b"];

    [Fact]
    public async Task Create_from_flags_with_wait_follows_progress_to_Succeeded_and_prints_the_status()
    {
        await using var cluster = await OperatorCluster.StartAsync(Nodes);
        await cluster.StartOperatorAsync();
        var kubeconfig = cluster.Server.WriteKubeconfig(Path.Join(cluster.Root, "kubeconfig"));

        var result = await InspectCliRun.RunAsync(
            "capture", "create", "flags", "--kubeconfig", kubeconfig, "--node-selector", OperatorCluster.NodeLabel + "=yes",
            "--duration", "2s", "--max-bytes", "64M", "--snaplen", "120", "--filter", "evt.type=close", "--output", "node:cli/runs", "--wait");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);

        // The resource carries exactly what the flags said.
        var capture = (await cluster.GetAsync("flags"))!;
        Assert.Equal("yes", capture.Spec.Targets!.NodeSelector!.MatchLabels![OperatorCluster.NodeLabel]);
        Assert.Equal("2s", capture.Spec.Duration);
        Assert.Equal(64L << 20, capture.Spec.MaxBytes);
        Assert.Equal(120, capture.Spec.Snaplen);
        Assert.Equal("evt.type=close", capture.Spec.Filter);
        Assert.Equal("cli/runs", capture.Spec.Output!.NodeDirectory!.Path);
        Assert.Equal(TriggerSource.Manual, capture.Spec.Trigger!.Source);

        // Progress lines on stderr went through Running before the end, and the end is what the API says.
        Assert.Contains("default/flags: Running", result.Stderr);
        Assert.Equal(CapturePhase.Succeeded, capture.Status!.Phase);
        Assert.Contains("Phase:      Succeeded", result.Stdout);
        foreach (var node in capture.Status.Nodes!)
        {
            Assert.Matches($@"(?m)^  {node.Node}\s+Succeeded\s+{node.Events}\s+{node.Bytes}\s+{node.Drops ?? 0}\s+{System.Text.RegularExpressions.Regex.Escape(node.ArtifactUri!)}$", result.Stdout);
            Assert.Contains($"{node.Node}: checksum {node.Checksum}", result.Stdout);
            Assert.Contains($"{node.Node}: verified by the agent: {node.Verification}", result.Stdout);
            Assert.True(File.Exists(CaptureFiles.PathOf(node.ArtifactUri!, node.Node)));
        }

        Assert.Contains($"{capture.Status.Summary!.Events} events over", result.Stdout);
    }

    [Fact]
    public async Task Get_prints_status_as_json_and_yaml_that_read_back_as_the_stored_resource()
    {
        await using var cluster = await OperatorCluster.StartAsync(Nodes);
        await cluster.StartOperatorAsync();
        var kubeconfig = cluster.Server.WriteKubeconfig(Path.Join(cluster.Root, "kubeconfig"));
        await cluster.CreateAsync(OperatorCluster.WholeNodeCapture("json", duration: "1s"));
        var stored = await cluster.WaitForAsync("json", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded");

        var json = await InspectCliRun.OkAsync("capture", "get", "json", "--kubeconfig", kubeconfig, "-o", "json");
        var yaml = await InspectCliRun.OkAsync("capture", "get", "json", "--kubeconfig", kubeconfig, "-o", "yaml");

        var expected = JsonNode.Parse(KubernetesJson.Serialize(stored));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(json)), json);
        var fromYaml = Assert.Single(Inspect.Kubernetes.TestServer.Yaml.YamlToJson.ParseDocuments(yaml));
        Assert.True(JsonNode.DeepEquals(Inspect.Kubernetes.TestServer.Json.Normalize(expected!.AsObject()), fromYaml), yaml);
    }

    [Fact]
    public async Task List_prints_the_columns_kubectl_get_prints()
    {
        var kubectl = InspectCliRun.RequireKubectl();
        await using var cluster = await OperatorCluster.StartAsync(Nodes);
        await cluster.StartOperatorAsync();
        var kubeconfig = cluster.Server.WriteKubeconfig(Path.Join(cluster.Root, "kubeconfig"));
        cluster.Server.CreateNamespace("other");
        await cluster.CreateAsync(OperatorCluster.WholeNodeCapture("first", duration: "1s"));
        await cluster.WaitForAsync("first", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded");
        var pending = OperatorCluster.WholeNodeCapture("second", duration: "1h");
        pending.Metadata.NamespaceProperty = "other";
        await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(pending, InspectNames.Group, InspectNames.Version, "other", "captures", cancellationToken: TestContext.Current.CancellationToken);

        foreach (var scope in new[] { new[] { "-n", "default" }, ["-A"] })
        {
            var ours = await InspectCliRun.OkAsync(["capture", "list", "--kubeconfig", kubeconfig, .. scope]);
            var theirs = ExternalProcess.Run(kubectl, ["get", "captures", "--kubeconfig", kubeconfig, "--cache-dir", Path.Join(cluster.Root, "kubectl-cache"), .. scope]);
            Assert.True(theirs.ExitCode == 0, theirs.Stderr);

            // Same header and cells; the ages may differ by the second between the two calls, so they are compared
            // as words after blanking them, and the rest of each line character by character.
            Assert.Equal(WithoutAges(theirs.Stdout), WithoutAges(ours));
            Assert.Equal(theirs.Stdout.Split('\n')[0], ours.Split('\n')[0]);
        }

        var none = await InspectCliRun.RunAsync("capture", "list", "--kubeconfig", kubeconfig, "-n", "kube-system");
        Assert.Equal(0, none.ExitCode);
        Assert.Equal("", none.Stdout);
        Assert.Contains("No resources found in kube-system namespace.", none.Stderr);
    }

    [Fact]
    public async Task Create_from_a_manifest_and_delete_with_wait_runs_the_finalizer()
    {
        await using var cluster = await OperatorCluster.StartAsync(Nodes);
        await cluster.StartOperatorAsync();
        var kubeconfig = cluster.Server.WriteKubeconfig(Path.Join(cluster.Root, "kubeconfig"));
        var manifest = Path.Join(cluster.Root, "capture.yaml");
        await File.WriteAllTextAsync(manifest, $"""
            apiVersion: inspect.dev/v1alpha1
            kind: Capture
            metadata:
              name: from-file
            spec:
              targets:
                nodeSelector:
                  matchLabels:
                    {OperatorCluster.NodeLabel}: "yes"
              duration: 1h
              maxEvents: 100000000
              output:
                nodeDirectory:
                  path: files
            """, TestContext.Current.CancellationToken);

        var created = await InspectCliRun.OkAsync("capture", "create", "-f", manifest, "--kubeconfig", kubeconfig);
        Assert.Equal("capture.inspect.dev/from-file created\n", created);
        var running = await cluster.WaitForAsync("from-file", c => c.Status?.Phase == CapturePhase.Running, "Running");
        Assert.Equal(100000000, running.Spec.MaxEvents);
        Assert.Contains(InspectNames.CaptureFinalizer, running.Metadata.Finalizers);

        var deleted = await InspectCliRun.RunAsync("capture", "delete", "from-file", "--kubeconfig", kubeconfig, "--wait", "--timeout", "60s");
        Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        Assert.Equal("capture.inspect.dev \"from-file\" deleted\n", deleted.Stdout);
        Assert.Contains("default/from-file: deleting:", deleted.Stderr);
        Assert.Null(await cluster.GetAsync("from-file"));

        // The agents were told to stop and stored what they had recorded before the finalizer went.
        Assert.All(Nodes, node => Assert.NotEmpty(Directory.GetFiles(Path.Join(cluster.OutputBase, "files", "default", "from-file"), node + "-*.scap.gz")));
    }

    private static string WithoutAges(string table) => System.Text.RegularExpressions.Regex.Replace(table, @"(?m)\s+\S+$", "");
}
