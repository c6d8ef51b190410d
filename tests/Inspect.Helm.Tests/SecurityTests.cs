namespace Inspect.Helm.Tests;

/// <summary>Pod security of the rendered workloads: restricted operator, least-privilege agent.</summary>
public sealed class SecurityTests
{
    private static readonly string[] AgentCapabilities = ["BPF", "PERFMON", "SYS_PTRACE", "SYS_RESOURCE"];

    [Fact]
    public void OperatorFollowsTheRestrictedPodSecurityStandard()
    {
        var pod = Helm.Template().Single("Deployment", "operator")["spec"]["template"]["spec"];
        Assert.True(pod["securityContext"]["runAsNonRoot"].IsTrue);
        Assert.Equal("RuntimeDefault", pod["securityContext"]["seccompProfile"]["type"].Text);
        Assert.False(pod["hostPID"].IsTrue);
        Assert.False(pod["hostNetwork"].IsTrue);
        Assert.DoesNotContain(pod["volumes"].Items, v => v["hostPath"].Exists);

        var container = Assert.Single(pod["containers"].Items);
        var security = container["securityContext"];
        Assert.True(security["runAsNonRoot"].IsTrue);
        Assert.True(security["readOnlyRootFilesystem"].IsTrue);
        Assert.True(security["allowPrivilegeEscalation"].IsFalse);
        Assert.True(security["privileged"].IsFalse);
        Assert.Equal(["ALL"], security["capabilities"]["drop"].Strings);
        Assert.False(security["capabilities"]["add"].Exists);
        Assert.Equal("RuntimeDefault", security["seccompProfile"]["type"].Text);

        Assert.Equal("/healthz", container["livenessProbe"]["httpGet"]["path"].Text);
        Assert.Equal("/readyz", container["readinessProbe"]["httpGet"]["path"].Text);
        Assert.Contains("--leader-elect", container["args"].Strings);
    }

    [Fact]
    public void AgentHasExactlyTheFourCapabilitiesAndIsNotPrivilegedByDefault()
    {
        var pod = Helm.Template().Single("DaemonSet", "agent")["spec"]["template"]["spec"];
        var security = Assert.Single(pod["containers"].Items)["securityContext"];
        Assert.True(security["privileged"].IsFalse);
        Assert.True(security["allowPrivilegeEscalation"].IsFalse);
        Assert.True(security["readOnlyRootFilesystem"].IsTrue);
        Assert.Equal(["ALL"], security["capabilities"]["drop"].Strings);
        Assert.Equal(AgentCapabilities, security["capabilities"]["add"].Strings.Order(StringComparer.Ordinal));
        Assert.Equal("RuntimeDefault", security["seccompProfile"]["type"].Text);
    }

    [Fact]
    public void AgentIsPrivilegedOnlyWhenAskedTo()
    {
        var security = Helm.Template("agent.privileged=true").Single("DaemonSet", "agent")["spec"]["template"]["spec"]["containers"].Items[0]["securityContext"];
        Assert.True(security["privileged"].IsTrue);
    }

    [Fact]
    public void HostPidOnTheAgentOnly()
    {
        var manifests = Helm.Template();
        var pods = manifests.All.Select(m => m["spec"]["template"]["spec"]).Where(p => p.Exists).ToList();
        Assert.Equal(2, pods.Count);
        Assert.True(manifests.Single("DaemonSet", "agent")["spec"]["template"]["spec"]["hostPID"].IsTrue);
        Assert.Single(pods, p => p["hostPID"].IsTrue);
        Assert.DoesNotContain(pods, p => p["hostNetwork"].IsTrue || p["hostIPC"].IsTrue);
    }

    [Fact]
    public void AgentMountsOnlyWhatTheProbeNeeds()
    {
        var pod = Helm.Template().Single("DaemonSet", "agent")["spec"]["template"]["spec"];
        var hostPaths = pod["volumes"].Items.Where(v => v["hostPath"].Exists).ToDictionary(v => v["name"].Text, v => v["hostPath"]["path"].Text);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["btf"] = "/sys/kernel/btf",
                ["cgroup"] = "/sys/fs/cgroup",
                ["host-proc"] = "/proc",
                ["spool"] = "/var/lib/inspect/spool",
                ["captures"] = "/var/lib/inspect/captures",
            },
            hostPaths);
        var mounts = pod["containers"].Items[0]["volumeMounts"].Items.ToDictionary(m => m["name"].Text);
        Assert.True(mounts["btf"]["readOnly"].IsTrue);
        Assert.True(mounts["cgroup"]["readOnly"].IsTrue);
        Assert.True(mounts["host-proc"]["readOnly"].IsTrue);
        Assert.Equal("/host/proc", mounts["host-proc"]["mountPath"].Text);
        Assert.False(mounts["spool"]["readOnly"].IsTrue);

        // Node-directory outputs: the operator resolves paths under its base path, so the agent sees it at that path.
        Assert.Equal("/var/lib/inspect/captures", mounts["captures"]["mountPath"].Text);
        Assert.False(mounts["captures"]["readOnly"].IsTrue);
        var moved = Helm.Template("operator.nodeOutputBasePath=/data/inspect").Single("DaemonSet", "agent")["spec"]["template"]["spec"];
        Assert.Equal("/data/inspect", Assert.Single(moved["volumes"].Items, v => v["name"].Text == "captures")["hostPath"]["path"].Text);
        Assert.Equal("/data/inspect", Assert.Single(moved["containers"].Items[0]["volumeMounts"].Items, m => m["name"].Text == "captures")["mountPath"].Text);
    }

    [Fact]
    public void AgentToleratesEveryTaint()
    {
        var tolerations = Helm.Template().Single("DaemonSet", "agent")["spec"]["template"]["spec"]["tolerations"].Items;
        Assert.Contains(tolerations, t => t["operator"].Text == "Exists" && !t["key"].Exists && !t["effect"].Exists);
    }
}
