using Inspect.Agent.Containers;

namespace Inspect.Agent.Tests.Unit;

/// <summary>Container ids from cgroup paths, for every runtime layout sysdig 0.29 recognises (scap-format.md §4).</summary>
public sealed class CgroupContainerParserTests
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string PodUid = "3f1c2b4a-9d8e-4f7a-b6c5-1a2b3c4d5e6f";

    public static TheoryData<string, ContainerEngine, string?> Recognised => new()
    {
        // kubelet, cgroupfs driver (containerd or cri-o): any runtime, so "cri".
        { $"/kubepods/besteffort/pod{PodUid}/{Id}", ContainerEngine.Cri, PodUid },
        { $"/kubepods/pod{PodUid}/{Id}", ContainerEngine.Cri, PodUid },
        { $"/kubepods/burstable/pod{PodUid}/{Id}", ContainerEngine.Cri, PodUid },

        // kubelet, systemd driver: the uid's dashes become underscores in the slice name.
        { $"/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{PodUid.Replace('-', '_')}.slice/cri-containerd-{Id}.scope", ContainerEngine.Containerd, PodUid },
        { $"/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod{PodUid.Replace('-', '_')}.slice/crio-{Id}.scope", ContainerEngine.CriO, PodUid },
        { $"/kubepods.slice/kubepods-pod{PodUid.Replace('-', '_')}.slice/crio-{Id}", ContainerEngine.CriO, PodUid },
        { $"/system.slice/containerd.service/kubepods-besteffort-pod{PodUid.Replace('-', '_')}.slice:cri-containerd:{Id}", ContainerEngine.Containerd, PodUid },

        // plain docker and podman.
        { $"/docker/{Id}", ContainerEngine.Docker, null },
        { $"/system.slice/docker-{Id}.scope", ContainerEngine.Docker, null },
        { $"/machine.slice/libpod-{Id}.scope", ContainerEngine.Podman, null },
        { $"/machine.slice/libpod-{Id}.scope/container", ContainerEngine.Podman, null },
    };

    [Theory]
    [MemberData(nameof(Recognised))]
    public void Recognises_the_container(string path, ContainerEngine engine, string? podUid)
    {
        var container = CgroupContainerParser.Parse(path);

        Assert.NotNull(container);
        Assert.Equal(Id, container.FullId);
        Assert.Equal(Id[..12], container.Id);
        Assert.Equal(engine, container.Engine);
        Assert.Equal(podUid, container.PodUid);
        Assert.Equal(path, container.CgroupPath);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/user.slice/user-0.slice/session-1.scope")]
    [InlineData("/system.slice/docker.service")]
    [InlineData($"/kubepods/besteffort/pod{PodUid}")]
    [InlineData("/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    [InlineData("/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("/process_api/60c659575e454849eef7076f6a238c97")]
    public void Host_cgroups_are_no_container(string path) => Assert.Null(CgroupContainerParser.Parse(path));

    [Fact]
    public void Id_comes_from_the_last_matching_segment_as_in_sysdig()
    {
        var other = new string('f', 64);
        var container = CgroupContainerParser.Parse($"/docker/{other}/docker/{Id}");

        Assert.Equal(Id, container?.FullId);
    }

    [Fact]
    public void Discovery_reports_each_container_once_from_event_cgroup_lists()
    {
        var discovery = new ContainerDiscovery();
        var list = Scap.Model.ThreadEntry.ToNulSeparated([$"cpu=/kubepods/besteffort/pod{PodUid}/{Id}", $"memory=/kubepods/besteffort/pod{PodUid}/{Id}"]);

        var first = discovery.ObserveCgroupList(list);
        var again = discovery.ObserveCgroupList(list);
        var sameContainerOtherList = discovery.ObserveCgroupList(Scap.Model.ThreadEntry.ToNulSeparated([$"cpu=/docker/{Id}"]));

        Assert.Equal(Id, Assert.Single(first!).FullId);
        Assert.Null(again);
        Assert.Null(sameContainerOtherList);
        Assert.Equal(1, discovery.Count);
    }

    [Fact]
    public void Container_json_carries_pod_labels_sysdig_reads_offline()
    {
        var container = CgroupContainerParser.Parse($"/kubepods/besteffort/pod{PodUid}/{Id}")!;
        var pod = new CgroupLayoutPodMetadataSource().Find(container)! with { Name = "web-7d9f", Namespace = "prod", ContainerName = "web" };

        using var json = System.Text.Json.JsonDocument.Parse(ContainerJson.Build(container, pod));
        var c = json.RootElement.GetProperty("container");

        Assert.Equal(Id[..12], c.GetProperty("id").GetString());
        Assert.Equal(Id, c.GetProperty("full_id").GetString());
        Assert.Equal((int)ContainerEngine.Cri, c.GetProperty("type").GetInt32());
        Assert.Equal("web", c.GetProperty("name").GetString());
        Assert.Equal(1, c.GetProperty("lookup_state").GetInt32());
        var labels = c.GetProperty("labels");
        Assert.Equal(PodUid, labels.GetProperty(ContainerJson.PodUidLabel).GetString());
        Assert.Equal("web-7d9f", labels.GetProperty(ContainerJson.PodNameLabel).GetString());
        Assert.Equal("prod", labels.GetProperty(ContainerJson.PodNamespaceLabel).GetString());
    }
}
