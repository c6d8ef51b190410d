using System.Net;
using DotNet.Testcontainers.Builders;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.TestSupport;
using k8s;
using k8s.Models;
using Testcontainers.K3s;

namespace Inspect.K3s.Tests;

/// <summary>
/// The product on a real Kubernetes: a k3s node in a container, the operator and agent images built from this
/// checkout's Dockerfiles and imported into its containerd, the Helm chart installed, then a Capture applied and seen
/// Succeeded with artifacts and a summary. Needs a Docker engine (and the docker CLI, and helm from
/// scripts/install-deps); where there is none the test is skipped with the reason printed.
/// </summary>
public sealed class K3sEndToEndTests
{
    private const string K3sImage = "rancher/k3s:v1.31.2-k3s1";
    private const string Tag = "k3s-e2e";

    [Fact]
    public async Task Chart_installed_on_k3s_runs_a_capture_to_Succeeded()
    {
        var cancel = TestContext.Current.CancellationToken;
        var helm = Path.Join(RepoPaths.RepoRoot, ".tools", "helm", "helm");
        if (!File.Exists(helm))
        {
            Assert.Skip($"SKIPPED: helm is not installed at {helm}; run scripts/install-deps");
        }

        K3sContainer k3s;
        try
        {
            k3s = new K3sBuilder(K3sImage).Build();
        }
        catch (DockerUnavailableException e)
        {
            Assert.Skip($"SKIPPED: no Docker engine is available, so no k3s node can run ({e.Message.Split('\n')[0]})");
            return;
        }

        if (!OnPath("docker"))
        {
            Assert.Skip("SKIPPED: a Docker engine answers but the docker CLI is not on PATH (needed to export the built images into k3s)");
        }

        await using var node = k3s;
        using var work = new TemporaryDirectory();
        await node.StartAsync(cancel);

        // The images, built from this checkout and imported into the node's containerd (no registry involved).
        foreach (var (dockerfile, repository) in new[] { ("Dockerfile.operator", "inspect-operator"), ("Dockerfile.agent", "inspect-agent") })
        {
            var image = new ImageFromDockerfileBuilder()
                .WithDockerfileDirectory(RepoPaths.RepoRoot)
                .WithDockerfile(dockerfile)
                .WithName($"{repository}:{Tag}")
                .WithDeleteIfExists(false)
                .Build();
            await image.CreateAsync(cancel);
            var archive = Path.Join(work.Path, repository + ".tar");
            Ok(ExternalProcess.Run("docker", ["save", "-o", archive, $"{repository}:{Tag}"], TimeSpan.FromMinutes(10)), "docker save");
            await node.CopyAsync(new FileInfo(archive), "/tmp/", ct: cancel);
            var import = await node.ExecAsync(["ctr", "-n", "k8s.io", "images", "import", $"/tmp/{repository}.tar"], cancel);
            Assert.True(import.ExitCode == 0, $"ctr images import {repository}: {import.Stderr}");
        }

        var kubeconfig = Path.Join(work.Path, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, await node.GetKubeconfigAsync(), cancel);
        Ok(ExternalProcess.Run(helm,
            [
                "install", "inspect", Path.Join(RepoPaths.RepoRoot, "charts", "inspect"), "--namespace", "inspect", "--create-namespace",
                "--kubeconfig", kubeconfig, "--wait", "--timeout", "5m",
                "--set", "operator.image.repository=docker.io/library/inspect-operator", "--set", $"operator.image.tag={Tag}", "--set", "operator.image.pullPolicy=Never",
                "--set", "agent.image.repository=docker.io/library/inspect-agent", "--set", $"agent.image.tag={Tag}", "--set", "agent.image.pullPolicy=Never",
            ],
            TimeSpan.FromMinutes(6)), "helm install");

        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var capture = new V1Alpha1Capture
        {
            Metadata = new V1ObjectMeta { Name = "k3s-node", NamespaceProperty = "default" },
            Spec = new V1Alpha1CaptureSpec
            {
                Targets = new CaptureTargets { NodeSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" } } },
                Duration = "5s",
                Output = new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = "e2e" } },
            },
        };
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(capture, InspectNames.Group, InspectNames.Version, "default", "captures", cancellationToken: cancel);

        V1Alpha1Capture? seen = null;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && seen?.Status?.Phase is not (CapturePhase.Succeeded or CapturePhase.PartiallySucceeded or CapturePhase.Failed))
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancel);
            seen = await client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1Capture>(InspectNames.Group, InspectNames.Version, "default", "captures", "k3s-node", cancel);
        }

        var status = seen?.Status;
        Assert.True(status?.Phase == CapturePhase.Succeeded, $"the Capture did not succeed: {(status is null ? "no status" : KubernetesJson.Serialize(status))}");
        var stored = Assert.Single(status!.Nodes!);
        Assert.Equal(NodePhase.Succeeded, stored.Phase);
        Assert.StartsWith("file://", stored.ArtifactUri, StringComparison.Ordinal);
        Assert.Matches("^sha256:[0-9a-f]{64}$", stored.Checksum!);
        Assert.True(stored.Events > 0, "a whole-node capture of a running k3s node records events");
        Assert.True(status!.Summary?.Events > 0, "the summary tiles are in status");

        // Deleting goes through the operator's finalizer.
        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(InspectNames.Group, InspectNames.Version, "default", "captures", "k3s-node", cancellationToken: cancel);
        deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1Capture>(InspectNames.Group, InspectNames.Version, "default", "captures", "k3s-node", cancel);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancel);
        }

        Assert.Fail("the Capture was not deleted within a minute");
    }

    private static void Ok(ProcessResult result, string what) =>
        Assert.True(result.ExitCode == 0, $"{what} failed ({result.ExitCode}):\n{result.Stderr}\n{result.Stdout}");

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Join(d, program)));

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("inspect-k3s-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
