using Inspect.Analysis.Fields;

namespace Inspect.Analysis.Tests;

/// <summary>The fd.* family.</summary>
public sealed class FdFieldsTests
{
    [Fact]
    public void Table_names_are_unique_and_described() => FamilyTable.AssertWellFormed(FdFields.Table, "fd");

    [Fact]
    public void Files_split_into_directory_and_name()
    {
        var lines = Captures.Lines("falco_open-multiple-files.scap", "%fd.num %fd.type %fd.typechar %fd.name %fd.directory %fd.filename", "evt.num=1098");
        Assert.Equal(["3 file f /tmp/file-1 /tmp file-1"], lines);
    }

    [Fact]
    public void Sockets_know_client_and_server_ends()
    {
        var lines = Captures.Lines("libs_single_ipv6_conn.scap", "%fd.cip %fd.cport %fd.sip %fd.sport %fd.l4proto %fd.sockfamily", "evt.num=1348");
        Assert.Equal(["2001:db8::4 54405 2001:db8::3 1234 tcp ip"], lines);
        Assert.Equal(["1348"], Captures.Lines("libs_single_ipv6_conn.scap", "%evt.num", "fd.ip=2001:db8::4 and fd.port=1234 and evt.num=1348"));
    }

    [Fact]
    public void Closed_fds_disappear_after_the_close_returns()
    {
        var lines = Captures.Lines("falco_open-multiple-files.scap", "*%evt.num %evt.type %fd.name", "evt.num in (1105, 1106, 1107)");
        Assert.Equal(["1105 close /tmp/file-1", "1106 close /tmp/file-1", "1107 open <NA>"], lines);
    }
}
