using Inspect.Analysis.Fields;

namespace Inspect.Analysis.Tests;

/// <summary>The container.* family.</summary>
public sealed class ContainerFieldsTests
{
    [Fact]
    public void Table_names_are_unique_and_described() => FamilyTable.AssertWellFormed(ContainerFields.Table, "container");

    [Fact]
    public void Containers_come_from_cgroups_and_metadata_events()
    {
        Assert.Equal(
            ["121 host host <NA>", "122 697956520d89 hopeful_taussig nginx"],
            Captures.Lines("falco_psp_run_as_user_65534_container.scap", "*%evt.num %container.id %container.name %container.image"));
    }

    [Fact]
    public void Pod_containers_carry_their_metadata()
    {
        using var reader = Captures.PodCapture();
        Assert.Equal(["111111111111 k8s_api registry/api:2 cri"], Captures.Lines(reader, "%container.id %container.name %container.image %container.type", "evt.dir=<"));
    }
}
