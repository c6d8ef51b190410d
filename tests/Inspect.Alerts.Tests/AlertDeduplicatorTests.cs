using System.Text;
using System.Text.Json.Nodes;
using Inspect.Alerts.Falco;

namespace Inspect.Alerts.Tests;

public sealed class AlertDeduplicatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Falcosidekick_alerts_are_known_by_uuid()
    {
        var dedup = new AlertDeduplicator();
        Assert.True(dedup.TryAdmit(Parse(AlertBodies.Falcosidekick("a")), Now));
        Assert.False(dedup.TryAdmit(Parse(AlertBodies.Falcosidekick("a", time: "2026-11-23T10:15:31Z")), Now));
        Assert.True(dedup.TryAdmit(Parse(AlertBodies.Falcosidekick("b")), Now));
    }

    [Fact]
    public void Falco_alerts_are_known_by_rule_host_time_and_pod()
    {
        var dedup = new AlertDeduplicator();
        Assert.True(dedup.TryAdmit(Parse(AlertBodies.Falco()), Now));
        Assert.False(dedup.TryAdmit(Parse(AlertBodies.Falco()), Now));
        Assert.True(dedup.TryAdmit(Parse(AlertBodies.Falco(time: "2026-11-23T10:15:30.123456788Z")), Now));
        Assert.True(dedup.TryAdmit(Parse(AlertBodies.Falco(pod: "web-1")), Now));
        Assert.True(dedup.TryAdmit(Parse(AlertBodies.Falco(hostname: "node-b")), Now));
        Assert.True(dedup.TryAdmit(Parse(AlertBodies.Falco(rule: "Other")), Now));
    }

    [Fact]
    public void Memory_is_bounded_by_count_and_age()
    {
        var dedup = new AlertDeduplicator(capacity: 10, window: TimeSpan.FromMinutes(5));
        for (var i = 0; i < 100; i++)
        {
            Assert.True(dedup.TryAdmit(Parse(AlertBodies.Falcosidekick($"id-{i}")), Now));
        }

        Assert.True(dedup.Count <= 10, $"{dedup.Count} alerts remembered");
        Assert.False(dedup.TryAdmit(Parse(AlertBodies.Falcosidekick("id-99")), Now));
        Assert.True(dedup.TryAdmit(Parse(AlertBodies.Falcosidekick("id-99")), Now.AddMinutes(6)));
    }

    [Fact]
    public void A_forgotten_alert_is_admitted_again()
    {
        var dedup = new AlertDeduplicator();
        var alert = Parse(AlertBodies.Falco());
        Assert.True(dedup.TryAdmit(alert, Now));
        dedup.Forget(alert);
        Assert.True(dedup.TryAdmit(alert, Now));
    }

    private static FalcoAlert Parse(JsonObject body) => FalcoAlertParser.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()));
}
