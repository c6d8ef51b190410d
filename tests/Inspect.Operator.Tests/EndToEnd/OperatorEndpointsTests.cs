using System.Net;
using Inspect.Crds.Capture;
using Inspect.Operator.Tests.Support;

namespace Inspect.Operator.Tests.EndToEnd;

/// <summary>Health, readiness and metrics endpoints, and the Lease that lets only one replica reconcile.</summary>
[Collection(MetricsCollection.Name)]
public sealed class OperatorEndpointsTests
{
    [Fact]
    public async Task Leader_is_ready_and_exports_reconciles_and_phases_while_a_standby_only_waits()
    {
        await using var cluster = await OperatorCluster.StartAsync("node-a");
        var leader = await cluster.StartOperatorAsync("operator-1");
        var leaderPorts = cluster.LastSettings!;
        await cluster.CreateAsync(OperatorCluster.WholeNodeCapture("metered", duration: "1s"));
        await cluster.WaitForAsync("metered", c => c.Status?.Phase == CapturePhase.Succeeded, "Succeeded");

        var token = TestContext.Current.CancellationToken;
        using var http = new HttpClient();
        Assert.Equal("ok", await http.GetStringAsync(Url(leaderPorts.HealthListen, "/healthz"), token));
        Assert.Equal("ok", await http.GetStringAsync(Url(leaderPorts.HealthListen, "/readyz"), token));

        var metrics = await http.GetStringAsync(Url(leaderPorts.MetricsListen, "/metrics"), token);
        Assert.Contains("inspect_reconciles_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("result=\"succeeded\"", metrics, StringComparison.Ordinal);
        Assert.Contains("inspect_captures{", metrics, StringComparison.Ordinal);
        var succeeded = metrics.Split('\n').Single(l => l.StartsWith("inspect_captures{", StringComparison.Ordinal) && l.Contains("phase=\"Succeeded\"", StringComparison.Ordinal));
        // "name{labels} value [timestamp]"
        Assert.True(succeeded[(succeeded.IndexOf('}', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0] == "1", succeeded);

        // Health and metrics stay on their own ports.
        using var wrongPort = await http.GetAsync(Url(leaderPorts.MetricsListen, "/healthz"), token);
        Assert.Equal(HttpStatusCode.NotFound, wrongPort.StatusCode);

        // OpenTelemetry listens to meters by name in the whole process: a second operator in this test process is
        // started only after the leader's metrics are read, so they cannot mix.
        var standby = await cluster.StartOperatorAsync("operator-2");
        var standbyPorts = cluster.LastSettings!;

        // The standby sees the leader, does not lead, and reconciles nothing.
        for (var i = 0; i < 50 && standby.Election.Leader is null; i++)
        {
            await Task.Delay(100, token);
        }

        Assert.Equal("operator-1", standby.Election.Leader);
        Assert.False(standby.Readiness.IsLeader);
        Assert.True(leader.Readiness.IsLeader);
        using var standbyReady = await http.GetAsync(Url(standbyPorts.HealthListen, "/readyz"), token);
        Assert.Equal(HttpStatusCode.OK, standbyReady.StatusCode);
    }

    private static Uri Url(IPEndPoint endpoint, string path) => new($"http://{endpoint}{path}");
}
