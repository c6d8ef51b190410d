using System.Globalization;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Kubernetes.TestServer.Auth;
using Inspect.Operator.Tests.Support;
using Inspect.Operator.Ui;
using Inspect.Storage.Tests;
using Inspect.Tls;
using Inspect.Ui.Streaming;
using Inspect.Ui.Tests;
using k8s;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>
/// The Captures page in headless Chromium, served by the operator against the API test server and s3rver and reached
/// through <c>inspect ui --cluster</c>'s proxy with the user's token: a finished Capture with its headline tiles and
/// openable artifact, the form creating a Capture (which then exists with the spec filled in), the API server's
/// refusal shown, and the artifact's download from storage in the progress bar when it is opened. Screenshots under artifacts/ui-cluster-captures.
/// </summary>
public sealed class BrowserClusterCapturesTests
{
    private const string AliceToken = "alice-token";

    [Fact]
    public async Task The_captures_page_lists_headlines_and_its_form_creates_a_Capture()
    {
        var ct = TestContext.Current.CancellationToken;
        using var s3 = S3rverServer.StartOrSkip();
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        cluster.Server.CreateNamespace("team-a");
        await ClusterUiTests.CreateSecretAsync(cluster, "team-a");
        cluster.Server.Access.AddUser("alice", AliceToken);
        cluster.Server.Access.Allow(new AccessRule("alice", ["get", "create"], ["captures"], "team-a", InspectNames.Group));
        // Storage that sends answers slowly (4 KiB every 20 ms) and progress every 10 ms, so the page hears of the
        // small artifact's download while it lasts.
        await using var slowStorage = new SlowRelay(s3.Port, 4096, TimeSpan.FromMilliseconds(20));
        var ui = new UiSettings
        {
            Listen = FreePort.Loopback(),
            ServerCertificate = TestCertificates.Instance.Webhook,
            CacheDirectory = Path.Join(cluster.Root, "ui-cache"),
            Pacing = new ProgressPacing(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)),
        };
        await cluster.StartOperatorAsync(ui: ui);
        await cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync<V1Alpha1Capture>(ClusterUiTests.S3Capture("team-a", "first", s3, slowStorage.Url), InspectNames.Group, InspectNames.Version, "team-a", "captures", cancellationToken: ct);
        var finished = await ClusterUiTests.WaitFinishedAsync(cluster, "team-a", "first");
        var events = finished.Status!.Summary?.Events ?? finished.Status.Events;
        Assert.NotNull(events);

        await using var proxy = await Inspect.Cli.Cluster.UiProxy.StartAsync("127.0.0.1:0", c => ClusterUiProxyTests.ConnectAsync(ui.Listen.Port, c), TestCertificates.Instance.Authority, AliceToken);
        var shots = Path.Combine(Inspect.TestSupport.RepoPaths.RepoRoot, "artifacts", "ui-cluster-captures");
        var run = await Task.Run(() => Browser.RunScript("cluster-captures.mjs", proxy.Address.ToString(), "team-a/first", events.Value.ToString(CultureInfo.InvariantCulture), "team-a", shots), ct);
        Assert.True(run.ExitCode == 0, $"the browser run failed (screenshots in {shots}):\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("cluster captures page passed", run.Stdout, StringComparison.Ordinal);
        Assert.True(Directory.GetFiles(shots, "*.png").Length >= 5, "a screenshot per step");
        TestContext.Current.SendDiagnosticMessage($"screenshots: {shots}");

        // The form's Capture exists with what was filled in; the refused one does not.
        var created = await cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync<V1Alpha1Capture>(InspectNames.Group, InspectNames.Version, "team-a", "captures", "from-the-browser", cancellationToken: ct);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, created.Spec.Targets!.PodSelector!.MatchLabels);
        Assert.Equal("10s", created.Spec.Duration);
        Assert.Equal(100, created.Spec.Snaplen);
        Assert.Equal("proc.name=nginx", created.Spec.Filter);
        Assert.Equal("browser", created.Spec.Output!.NodeDirectory!.Path);
        var all = await cluster.Client.CustomObjects.ListNamespacedCustomObjectAsync<V1Alpha1CaptureList>(InspectNames.Group, InspectNames.Version, "team-a", "captures", cancellationToken: ct);
        Assert.DoesNotContain(all.Items, c => c.Metadata.Name == "too-much");
    }
}
