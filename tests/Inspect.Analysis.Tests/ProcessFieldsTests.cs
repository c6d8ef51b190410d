using Inspect.Analysis.Fields;

namespace Inspect.Analysis.Tests;

/// <summary>The proc.* and thread.* family.</summary>
public sealed class ProcessFieldsTests
{
    [Fact]
    public void Table_names_are_unique_and_described() => FamilyTable.AssertWellFormed(ProcessFields.Table, "proc", "thread");

    [Fact]
    public void Process_identity_comes_from_the_process_list_and_execve()
    {
        var lines = Captures.Lines("falco_cat_write.scap", "%proc.name|%proc.pid|%proc.ppid|%proc.pname|%proc.args|%proc.cmdline|%proc.aname[1]", "evt.num=135");
        Assert.Equal(["cat|20072|11310|bash|/dev/null|cat /dev/null|bash"], lines);
    }

    [Fact]
    public void Unknown_threads_are_placeholders()
    {
        var lines = Captures.Lines("falco_connect_localhost.scap", "*%proc.name %proc.pid %proc.ppid %proc.vpid %thread.tid", "evt.num=184");
        Assert.Equal(["<NA> 31699 -1 <NA> 31699"], lines);
    }

    [Fact]
    public void Working_directory_keeps_a_trailing_slash()
    {
        Assert.Equal(["/mnt/sf_mstemm/work/src/falco/test/"], Captures.Lines("falco_open-multiple-files.scap", "%proc.cwd", "evt.num=1096"));
    }
}
