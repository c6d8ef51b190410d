using System.Text.Json.Nodes;

namespace Inspect.Alerts.Tests;

/// <summary>
/// Alert bodies in the shapes the senders produce: Falco's <c>http_output</c> with <c>json_output: true</c> (no id,
/// numeric fields as numbers, missing values as null) and Falcosidekick's webhook (adds <c>uuid</c>, may add fields).
/// </summary>
internal static class AlertBodies
{
    public static JsonObject Falco(
        string rule = "Terminal shell in container",
        string priority = "Notice",
        string time = "2026-11-23T10:15:30.123456789Z",
        string? ns = "shop",
        string? pod = "web-0",
        string? containerId = "3f2a9c1e4b7d",
        string hostname = "node-a") => new()
        {
            ["hostname"] = hostname,
            ["output"] = $"10:15:30.123456789: {priority} A shell was spawned in a container with an attached terminal (evt_type=execve user=root process=bash k8s_pod_name={pod})",
            ["output_fields"] = new JsonObject
            {
                ["container.id"] = containerId,
                ["container.name"] = "web",
                ["evt.time"] = 1795428930123456789,
                ["evt.type"] = "execve",
                ["k8s.ns.name"] = ns,
                ["k8s.pod.name"] = pod,
                ["proc.cmdline"] = "bash",
                ["proc.pid"] = 4242,
                ["user.loginuid"] = -1,
                ["proc.tty"] = 34816,
                ["user.name"] = "root",
                ["proc.exepath"] = null,
            },
            ["priority"] = priority,
            ["rule"] = rule,
            ["source"] = "syscall",
            ["tags"] = new JsonArray("T1059", "container", "maturity_stable", "mitre_execution", "shell"),
            ["time"] = time,
        };

    public static JsonObject Falcosidekick(string uuid, string rule = "Terminal shell in container", string time = "2026-11-23T10:15:30.123456789Z", string? pod = "web-0")
    {
        var body = Falco(rule: rule, time: time, pod: pod);
        body["uuid"] = uuid;
        ((JsonObject)body["output_fields"]!)["environment"] = "production"; // a Falcosidekick custom field
        ((JsonArray)body["tags"]!).Add("team:shop");
        return body;
    }
}
