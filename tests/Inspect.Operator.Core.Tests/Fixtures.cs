using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Core.Translation;

namespace Inspect.Operator.Core.Tests;

/// <summary>Builders for specs and cluster views.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static readonly CaptureIdentity Capture = new("team-a", "web-cap", "1111-2222", Start);

    public static OperatorSettings Settings { get; } = new()
    {
        NodeDirectoryBasePath = "/var/lib/inspect",
        MaxDuration = TimeSpan.FromHours(2),
        MaxPreTrigger = TimeSpan.FromMinutes(1),
    };

    public static Dictionary<string, string> Labels(params string[] pairs) =>
        pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

    public static LabelSelector Select(params string[] pairs) => new() { MatchLabels = Labels(pairs) };

    /// <summary>A valid spec: pods labelled app=web, 30 seconds, S3 bucket "captures".</summary>
    public static V1Alpha1CaptureSpec ValidSpec() => new()
    {
        Targets = new CaptureTargets { PodSelector = Select("app=web") },
        Duration = "30s",
        Output = new CaptureOutput { S3 = new S3Output { Bucket = "captures", Prefix = "forensics" } },
    };

    public static ClusterPod Pod(string ns, string name, string node, string[] labels, params string[] containerIds) =>
        new(ns, name, $"uid-{ns}-{name}", node, Labels(labels),
            containerIds.Select((id, i) => new ClusterContainer($"c{i}", id)).ToList());

    public static ClusterView Cluster(params ClusterPod[] pods) => new()
    {
        Pods = pods,
        Namespaces =
        [
            new("team-a", Labels("team=a", "env=prod")),
            new("team-b", Labels("team=b", "env=prod")),
            new("team-c", Labels("team=c", "env=dev")),
            new("kube-system", Labels("system=true")),
        ],
        Nodes =
        [
            new("node-1", Labels("pool=gpu", "zone=z1")),
            new("node-2", Labels("pool=cpu", "zone=z1")),
            new("node-3", Labels("pool=cpu", "zone=z2")),
        ],
    };
}
