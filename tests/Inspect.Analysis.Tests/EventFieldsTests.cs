using Inspect.Analysis.Fields;

namespace Inspect.Analysis.Tests;

/// <summary>The evt.* family (values checked against what sysdig 0.29.3 prints for the same samples).</summary>
public sealed class EventFieldsTests
{
    [Fact]
    public void Table_names_are_unique_and_described() => FamilyTable.AssertWellFormed(EventFields.Table, "evt", "syscall");

    [Fact]
    public void Info_renders_fd_names_flags_and_errno()
    {
        var lines = Captures.Lines("falco_cat_write.scap", "%evt.num %evt.info", "evt.num in (135, 141, 153)");
        Assert.Equal(
        [
            "135 res=-2(ENOENT) name=/etc/ld.so.nohwcap ",
            "141 fd=3(<f>/etc/ld.so.cache) name=/etc/ld.so.cache flags=4097(O_RDONLY|O_CLOEXEC) mode=0 ",
            "153 res=832 data=.ELF..............>.............@........t..........@.8...@.G.F.........@....... ",
        ], lines);
    }

    [Fact]
    public void Result_fields_follow_res_or_the_created_fd()
    {
        Assert.Equal(["135 ENOENT -2 true"], Captures.Lines("falco_cat_write.scap", "%evt.num %evt.res %evt.rawres %evt.failed", "evt.num=135"));
        Assert.Equal(["141 SUCCESS 3 false"], Captures.Lines("falco_cat_write.scap", "%evt.num %evt.res %evt.rawres %evt.failed", "evt.num=141"));
    }

    [Fact]
    public void Arguments_by_name_and_position_prefer_the_resolved_value()
    {
        Assert.Equal(["142 <f>/etc/ld.so.cache <f>/etc/ld.so.cache"], Captures.Lines("falco_cat_write.scap", "%evt.num %evt.arg.fd %evt.arg[0]", "evt.num=142"));
    }

    [Fact]
    public void Generic_events_are_named_after_their_syscall()
    {
        Assert.Contains("madvise", Captures.Lines("falco_syscall.scap", "%evt.type"));
    }
}
