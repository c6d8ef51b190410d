using Inspect.Analysis.Fields;

namespace Inspect.Analysis.Tests;

/// <summary>The k8s.* family, resolved offline from container labels (sandbox labels for pod labels).</summary>
public sealed class K8sFieldsTests
{
    [Fact]
    public void Table_names_are_unique_and_described() => FamilyTable.AssertWellFormed(K8sFields.Table, "k8s");

    [Fact]
    public void Pod_fields_come_from_the_container_labels()
    {
        using var reader = Captures.PodCapture();
        Assert.Equal(
            ["shop api-5f u-1 u-1 api payments app:api, team:payments"],
            Captures.Lines(reader, "%k8s.ns.name %k8s.pod.name %k8s.pod.id %k8s.pod.uid %k8s.pod.label.app %k8s.pod.label[team] %k8s.pod.labels", "evt.dir=<"));
    }

    [Fact]
    public void Filters_select_by_namespace_and_label()
    {
        using var reader = Captures.PodCapture();
        Assert.Equal(["/app/config.yaml"], Captures.Lines(reader, "%fd.name", "k8s.ns.name=shop and k8s.pod.label[app]=api and evt.dir=<"));
    }

    [Fact]
    public void Host_processes_have_no_pod()
    {
        Assert.Empty(Captures.Lines("falco_cat_write.scap", "%k8s.pod.name"));
    }
}
