using Inspect.Kubernetes.TestServer;
using Inspect.Operator.Tests.Support;
using Inspect.TestSupport;
using k8s;

namespace Inspect.Operator.Tests.Cli;

/// <summary>What the cluster verbs say when the cluster is missing, refuses, or has no such Capture.</summary>
public sealed class CaptureVerbErrorsTests
{
    [Fact]
    public async Task No_cluster_at_all_is_one_line_naming_what_to_configure()
    {
        using var home = new TemporaryDirectory();
        var result = await WithEnvironment(
            new() { ["KUBECONFIG"] = null, ["HOME"] = home.Path, ["KUBERNETES_SERVICE_HOST"] = null },
            () => InspectCliRun.RunAsync("capture", "list"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("inspect: no cluster configured: pass --kubeconfig FILE, set KUBECONFIG, create ~/.kube/config, or run inside a pod with a service account\n", result.Stderr);
    }

    [Fact]
    public async Task Kubeconfig_from_the_environment_is_used_with_its_namespace_and_context_errors_are_named()
    {
        await using var server = await StartServerAsync();
        using var dir = new TemporaryDirectory();
        var kubeconfig = server.WriteKubeconfig(Path.Join(dir.Path, "config"), ns: "kube-public");

        var list = await WithEnvironment(new() { ["KUBECONFIG"] = "/nonexistent:" + kubeconfig }, () => InspectCliRun.RunAsync("capture", "list"));
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("No resources found in kube-public namespace.", list.Stderr);

        var context = await InspectCliRun.RunAsync("capture", "list", "--kubeconfig", kubeconfig, "--context", "elsewhere");
        Assert.Equal(1, context.ExitCode);
        Assert.StartsWith("inspect: kubeconfig: ", context.Stderr);
        Assert.Contains("elsewhere", context.Stderr);
    }

    [Fact]
    public async Task Unreachable_cluster_forbidden_user_missing_capture_and_invalid_spec_each_get_a_clear_message()
    {
        await using var server = await StartServerAsync();
        using var dir = new TemporaryDirectory();
        var admin = server.WriteKubeconfig(Path.Join(dir.Path, "admin"));

        // A port nobody listens on.
        var closed = Path.Join(dir.Path, "closed");
        await File.WriteAllTextAsync(closed, (await File.ReadAllTextAsync(admin, TestContext.Current.CancellationToken)).Replace(server.Url, "https://127.0.0.1:" + FreePort.Loopback().Port, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var unreachable = await InspectCliRun.RunAsync("capture", "list", "--kubeconfig", closed);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.StartsWith("inspect: cannot reach the cluster at https://127.0.0.1:", unreachable.Stderr);

        // A user without grants: the server's own RBAC wording.
        server.Access.EnforceAuthorization = true;
        server.Access.AddUser("bob", "bob-token");
        var bob = server.WriteKubeconfig(Path.Join(dir.Path, "bob"), token: "bob-token");
        var forbidden = await InspectCliRun.RunAsync("capture", "list", "--kubeconfig", bob, "-n", "default");
        Assert.Equal(1, forbidden.ExitCode);
        Assert.Contains("inspect: forbidden: ", forbidden.Stderr);
        Assert.Contains("\"bob\" cannot list resource \"captures\"", forbidden.Stderr);

        var missing = await InspectCliRun.RunAsync("capture", "get", "nope", "--kubeconfig", admin);
        Assert.Equal("inspect: capture \"nope\" in namespace \"default\" not found\n", missing.Stderr);
        Assert.Equal(1, missing.ExitCode);

        // The schema's message from the server, for a sample the CRD refuses.
        var invalid = await InspectCliRun.RunAsync("capture", "create", "-f", Path.Join(RepoPaths.RepoRoot, "config", "samples", "invalid", "capture-snaplen-too-large.yaml"), "--kubeconfig", admin);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("inspect: 422 UnprocessableEntity: Capture.inspect.dev", invalid.Stderr);
        Assert.Contains("spec.snaplen", invalid.Stderr);

        // Flags that cannot make a Capture are refused before anything is sent.
        var noLimit = await InspectCliRun.RunAsync("capture", "create", "x", "--kubeconfig", admin, "--pod", "web");
        Assert.Equal(2, noLimit.ExitCode);
        Assert.Contains("needs a limit", noLimit.Stderr);
    }

    [Fact]
    public async Task Node_names_s3_output_and_lifetime_flags_become_the_spec_the_server_accepts()
    {
        await using var server = await StartServerAsync();
        using var dir = new TemporaryDirectory();
        var kubeconfig = server.WriteKubeconfig(Path.Join(dir.Path, "config"));

        var output = await InspectCliRun.OkAsync(
            "capture", "create", "nodes", "--kubeconfig", kubeconfig, "-n", "kube-public", "--node", "node-a", "--node", "node-b",
            "--max-events", "5000", "--output", "s3://forensics/team", "--endpoint", "https://minio.example:9000", "--region", "eu-west-1",
            "--credentials-secret", "minio", "--ttl", "2h", "--delete-artifacts", "-o", "json");

        using var client = server.Client(KubeApiTestServer.AdminToken);
        var stored = await client.CustomObjects.GetNamespacedCustomObjectAsync<Inspect.Crds.Capture.V1Alpha1Capture>(
            "inspect.dev", "v1alpha1", "kube-public", "captures", "nodes", TestContext.Current.CancellationToken);
        var requirement = Assert.Single(stored.Spec.Targets!.NodeSelector!.MatchExpressions!);
        Assert.Equal("kubernetes.io/hostname", requirement.Key);
        Assert.Equal(Inspect.Crds.Common.LabelSelectorOperator.In, requirement.Operator);
        Assert.Equal(["node-a", "node-b"], requirement.Values!);
        Assert.Equal(5000, stored.Spec.MaxEvents);
        var s3 = stored.Spec.Output!.S3!;
        Assert.Equal(("forensics", "team/", "https://minio.example:9000", "eu-west-1", "minio"), (s3.Bucket, s3.Prefix, s3.Endpoint, s3.Region, s3.CredentialsSecret!.Name));
        Assert.Equal(7200, stored.Spec.TtlSecondsAfterFinished);
        Assert.True(stored.Spec.DeleteArtifacts);

        // -o json printed what the server stored (its uid, its defaults).
        Assert.Contains($"\"uid\": \"{stored.Metadata.Uid}\"", output);
        Assert.Contains("\"snaplen\": 80", output);
    }

    [Fact]
    public async Task A_cluster_without_the_CRDs_is_told_to_install_them()
    {
        await using var server = await KubeApiTestServer.StartAsync();
        using var dir = new TemporaryDirectory();
        var kubeconfig = server.WriteKubeconfig(Path.Join(dir.Path, "config"));

        var result = await InspectCliRun.RunAsync("capture", "list", "--kubeconfig", kubeconfig);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not serve captures.inspect.dev: install the CRDs", result.Stderr);
    }

    private static async Task<KubeApiTestServer> StartServerAsync()
    {
        var server = await KubeApiTestServer.StartAsync();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "config", "crd"), "*.yaml"))
        {
            server.ApplyCrdFile(file);
        }

        return server;
    }

    // Environment variables are process-wide: tests that change them run one at a time.
    private static readonly SemaphoreSlim EnvironmentLock = new(1, 1);

    private static async Task<T> WithEnvironment<T>(Dictionary<string, string?> values, Func<Task<T>> action)
    {
        await EnvironmentLock.WaitAsync();
        var saved = values.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (key, value) in values)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            return await action();
        }
        finally
        {
            foreach (var (key, value) in saved)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            EnvironmentLock.Release();
        }
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("inspect-cli-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
