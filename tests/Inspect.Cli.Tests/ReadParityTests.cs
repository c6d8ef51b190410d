using Inspect.TestSupport;

namespace Inspect.Cli.Tests;

/// <summary>
/// <c>inspect read</c> prints exactly what <c>sysdig -r</c> prints, and <c>inspect read -w</c> writes files sysdig
/// reads back identically. Debian's sysdig 0.29.3 is the independent oracle.
/// </summary>
public sealed class ReadParityTests
{
    private const string BasicFormat = "%evt.num %evt.rawtime %evt.cpu %evt.type %evt.dir %thread.tid";

    public static TheoryData<string> Samples => [.. RepoPaths.SampleNames];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Read_prints_what_sysdig_prints(string name)
    {
        var path = RepoPaths.Sample(name);
        var expected = Sysdig.Read(path, "-p", BasicFormat);
        var actual = InspectCli.Run("read", path, "-p", BasicFormat);
        Assert.Equal(0, actual.ExitCode);
        Assert.Equal(expected, actual.Stdout);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Rewritten_capture_reads_the_same_in_sysdig(string name)
    {
        var path = RepoPaths.Sample(name);
        foreach (var compress in new[] { false, true })
        {
            var output = Path.Combine(Path.GetTempPath(), $"inspect-rewrite-{Guid.NewGuid():N}.scap");
            try
            {
                var result = InspectCli.Run(compress ? ["read", path, "-w", output, "-z"] : ["read", path, "-w", output]);
                Assert.Equal(0, result.ExitCode);

                // The default line resolves process names, fd names and arguments from the rewritten metadata.
                Assert.Equal(Sysdig.Read(path), Sysdig.Read(output));
                Assert.Equal(Sysdig.Read(path, "-p", BasicFormat), Sysdig.Read(output, "-p", BasicFormat));
                const string identity = "%evt.num %proc.name %proc.exe %proc.args %proc.cwd %proc.pname %fd.name %container.id";
                Assert.Equal(Sysdig.Read(path, "-p", identity), Sysdig.Read(output, "-p", identity));
            }
            finally
            {
                File.Delete(output);
            }
        }
    }

    [Fact]
    public void The_wrapper_at_the_repository_root_runs_the_tool()
    {
        var path = RepoPaths.Sample("falco_syscall.scap");
        var result = InspectCli.RunWrapper("read", path, "-p", BasicFormat);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Sysdig.Read(path, "-p", BasicFormat), result.Stdout);
    }

    [Fact]
    public void Bad_input_gets_one_line_and_a_non_zero_exit()
    {
        var corrupt = Path.Combine(Path.GetTempPath(), $"inspect-corrupt-{Guid.NewGuid():N}.scap");
        try
        {
            var bytes = File.ReadAllBytes(RepoPaths.Sample("libs_sample.scap"));
            File.WriteAllBytes(corrupt, bytes[..(bytes.Length / 2)]);
            var result = InspectCli.RunWrapper("read", corrupt, "-p", BasicFormat);
            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("inspect: building", StringComparison.Ordinal));
            Assert.Matches(@"^inspect: corrupt capture: offset \d+ \(0x[0-9A-F]+\): truncated block", line);
        }
        finally
        {
            File.Delete(corrupt);
        }

        var missing = InspectCli.Run("read", "/nonexistent/capture.scap", "-p", BasicFormat);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("inspect: cannot open /nonexistent/capture.scap: no such file\n", missing.Stderr);

        var badField = InspectCli.Run("read", RepoPaths.Sample("libs_sample.scap"), "-p", "%evt.num %evt.nosuchfield");
        Assert.Equal(2, badField.ExitCode);
        Assert.Contains("unknown field 'evt.nosuchfield' at column 10", badField.Stderr, StringComparison.Ordinal);
    }
}
