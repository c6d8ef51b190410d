using System.Text;
using System.Text.Json.Nodes;
using Inspect.Alerts.Falco;
using Inspect.Crds.Common;

namespace Inspect.Alerts.Tests;

public sealed class FalcoAlertParserTests
{
    [Fact]
    public void Reads_falco_http_output()
    {
        var alert = Parse(AlertBodies.Falco(priority: "Critical"));
        Assert.Equal("Terminal shell in container", alert.Rule);
        Assert.Equal(FalcoPriority.Critical, alert.Priority);
        Assert.Equal("syscall", alert.Source);
        Assert.Equal("node-a", alert.Hostname);
        Assert.Null(alert.Uuid);
        Assert.Contains("mitre_execution", alert.Tags);
        Assert.Equal("shop", alert.Namespace);
        Assert.Equal("web-0", alert.PodName);
        Assert.Equal("3f2a9c1e4b7d", alert.ContainerId);
        Assert.Equal("4242", alert.Field("proc.pid"));
        Assert.Null(alert.Field("proc.exepath"));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 15, 30, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000_000 + 123_456_789, alert.TimeNanoseconds);
    }

    [Fact]
    public void Reads_falcosidekick_webhook_with_uuid_and_custom_fields()
    {
        var alert = Parse(AlertBodies.Falcosidekick("6c3b1f1e-2a4d-4a5e-9c57-1f0b9e8d7c6a"));
        Assert.Equal("6c3b1f1e-2a4d-4a5e-9c57-1f0b9e8d7c6a", alert.Uuid);
        Assert.Equal("production", alert.Field("environment"));
        Assert.Contains("team:shop", alert.Tags);
    }

    [Theory]
    [InlineData("informational", FalcoPriority.Informational)]
    [InlineData("Info", FalcoPriority.Informational)]
    [InlineData("WARNING", FalcoPriority.Warning)]
    [InlineData("emergency", FalcoPriority.Emergency)]
    public void Priority_names_are_read_in_any_case(string name, FalcoPriority expected) =>
        Assert.Equal(expected, Parse(AlertBodies.Falco(priority: name)).Priority);

    [Theory]
    [InlineData("rule")]
    [InlineData("priority")]
    [InlineData("time")]
    public void Missing_required_member_is_named(string member)
    {
        var body = AlertBodies.Falco();
        body.Remove(member);
        var e = Assert.Throws<AlertRejectedException>(() => Parse(body));
        Assert.Equal(AlertRejection.MissingField, e.Reason);
        Assert.Contains($"\"{member}\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("priority", "Loud")]
    [InlineData("priority", "3")]
    [InlineData("time", "yesterday")]
    [InlineData("time", "2026-11-23T10:15:30.1234567891Z")]
    public void Impossible_values_are_refused(string member, string value)
    {
        var body = AlertBodies.Falco();
        body[member] = value;
        var e = Assert.Throws<AlertRejectedException>(() => Parse(body));
        Assert.Equal(AlertRejection.InvalidField, e.Reason);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"rule\":")]
    [InlineData("[1,2]")]
    [InlineData("")]
    [InlineData("not json")]
    public void Malformed_json_is_refused(string text)
    {
        var e = Assert.Throws<AlertRejectedException>(() => FalcoAlertParser.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(AlertRejection.MalformedJson, e.Reason);
    }

    [Fact]
    public void Wrongly_typed_members_are_refused()
    {
        var body = AlertBodies.Falco();
        body["tags"] = "shell";
        Assert.Equal(AlertRejection.InvalidField, Assert.Throws<AlertRejectedException>(() => Parse(body)).Reason);
        body = AlertBodies.Falco();
        body["output_fields"] = new JsonArray();
        Assert.Equal(AlertRejection.InvalidField, Assert.Throws<AlertRejectedException>(() => Parse(body)).Reason);
    }

    [Fact]
    public void Host_alerts_have_no_container()
    {
        var alert = Parse(AlertBodies.Falco(ns: null, pod: null, containerId: "host"));
        Assert.Null(alert.ContainerId);
        Assert.Null(alert.Namespace);
    }

    private static FalcoAlert Parse(JsonObject body) => FalcoAlertParser.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()));
}
