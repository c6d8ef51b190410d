using Inspect.TestSupport;

namespace Inspect.Cli.Tests;

/// <summary>
/// <c>inspect read F -p FORMAT FILTER</c> prints exactly what <c>sysdig -r F -p FORMAT FILTER</c> prints, for a table of
/// formats and filters covering every field family and operator, on every sample capture and on a synthetic capture
/// with containers, pods, users and network I/O. Debian's sysdig 0.29.3 is the oracle.
/// </summary>
public sealed class AnalysisReadParityTests
{
    /// <summary>(format, filter) pairs; an empty format means sysdig's default line.</summary>
    public static readonly (string Format, string Filter)[] Cases =
    [
        ("", ""),
        ("", "evt.type=open or evt.type=openat"),
        ("%evt.num %evt.rawtime %evt.cpu %evt.type %evt.dir %thread.tid", ""),
        ("%evt.num %proc.name %proc.pid %proc.ppid %proc.pname %thread.tid", ""),
        ("%evt.num %proc.exe %proc.args %proc.cmdline %proc.cwd", ""),
        ("*%evt.num %proc.exe %proc.args %proc.cmdline %proc.cwd %proc.exepath %proc.exeline", ""),
        ("*%evt.num %proc.aname[0] %proc.aname[1] %proc.aname[2] %proc.apid[1] %proc.loginshellid", ""),
        ("*%evt.num %proc.vpid %thread.vtid %proc.sid %proc.vpgid %thread.ismain %proc.tty", ""),
        ("%evt.num %proc.nthreads %proc.nchilds %proc.fdopencount %proc.fdlimit", ""),
        ("*%evt.num %proc.vmsize %proc.vmrss %proc.vmswap %thread.pfmajor %thread.pfminor", ""),
        ("*%evt.num %thread.cgroups %thread.cgroup.cpu %proc.env", ""),
        ("%evt.num %fd.num %fd.type %fd.typechar %fd.name", ""),
        ("*%evt.num %fd.num %fd.type %fd.typechar %fd.name %fd.directory %fd.filename", ""),
        ("*%evt.num %fd.sip %fd.cip %fd.sport %fd.cport %fd.l4proto", ""),
        ("*%evt.num %fd.lip %fd.rip %fd.lport %fd.rport %fd.sockfamily %fd.is_server", ""),
        ("*%evt.num %fd.uid %fd.containername %fd.containerdirectory %fd.connected", ""),
        ("%evt.num %user.name %user.uid", ""),
        ("*%evt.num %user.name %user.uid %user.homedir %user.shell %user.loginuid %user.loginname", ""),
        ("*%evt.num %group.gid %group.name", ""),
        ("*%evt.num %container.id %container.name %container.image %container.type", ""),
        ("*%evt.num %container.image.repository %container.image.tag %container.privileged", ""),
        ("*%evt.num %k8s.ns.name %k8s.pod.name %k8s.pod.id %k8s.pod.label.app %k8s.pod.labels", ""),
        ("*%evt.num %evt.time %evt.datetime %evt.rawtime.s %evt.rawtime.ns %evt.reltime", ""),
        ("*%evt.num %evt.latency %evt.latency.s %evt.latency.ns %evt.deltatime", ""),
        ("*%evt.num %evt.type %evt.dir %evt.category %evt.cpu %syscall.type", ""),
        ("*%evt.num %evt.res %evt.rawres %evt.failed %evt.buflen", ""),
        ("*%evt.num %evt.is_io %evt.is_io_read %evt.is_io_write %evt.io_dir %evt.is_wait", ""),
        ("*%evt.num %evt.arg.fd %evt.arg.res %evt.arg.name %evt.arg[0]", ""),
        ("%evt.num %evt.arg.fd", ""),
        ("*%evt.num %evt.args", ""),
        ("*%evt.num %evt.buffer", ""),
        ("%10evt.num %3proc.name %evt.type\\t%evt.dir", ""),
        ("%evt.num %evt.count %evt.count.exit", "evt.count.exit=1"),
        ("%evt.num %evt.type", "evt.type=open"),

        // Generic events (madvise, arch_prctl, gettid...) take evt.type from a parameter, not from the event type.
        ("%evt.num %evt.type %syscall.type", "evt.type in (madvise, arch_prctl, mmap, open) or evt.type=gettid"),
        ("%evt.num %evt.type", "evt.type!=read and evt.type!=madvise and not evt.type in (futex, clock_nanosleep)"),
        ("%evt.num %evt.type %fd.name", "evt.type in (open, openat, close, read) and fd.name contains /lib"),
        ("%evt.num %proc.name", "proc.name=cat"),
        ("%evt.num %proc.name %evt.type", "proc.name!=cat and evt.dir=<"),
        ("%evt.num %evt.type %evt.rawres", "evt.rawres<0"),
        ("%evt.num %evt.type %evt.rawres", "evt.rawres>=0 and evt.dir=<"),
        ("%evt.num %evt.type", "evt.failed=true"),
        ("%evt.num %fd.name", "fd.name startswith /etc"),
        ("%evt.num %fd.name", "fd.name endswith .so.6"),
        ("%evt.num %fd.name", "fd.name glob /lib/*/libc*"),
        ("%evt.num %fd.name", "fd.name icontains LIBC"),
        ("%evt.num %fd.name", "fd.name exists"),
        ("%evt.num %fd.name", "not fd.name exists"),
        ("%evt.num %fd.name", "fd.name pmatch (/etc, /tmp)"),
        ("%evt.num %evt.type", "evt.is_io_read=true or evt.is_io_write=true"),
        ("%evt.num %evt.type %evt.latency", "evt.latency>1000"),
        ("%evt.num %evt.type", "evt.cpu<=1"),
        ("%evt.num %evt.type", "thread.tid in (25886, 16569, 738, 101, 300)"),
        ("%evt.num %fd.name", "fd.sport=1234 or fd.sport=80"),
        ("%evt.num %fd.name", "fd.l4proto=tcp"),
        ("%evt.num %fd.name", "fd.sip=127.0.0.1 or fd.sip=10.0.0.20"),
        ("%evt.num %fd.name", "fd.ip=2001:db8::3 or fd.ip=10.0.0.9"),
        ("%evt.num %fd.name", "fd.port=80"),
        ("%evt.num %fd.name", "fd.rip=127.0.0.1 or fd.rip=8.8.8.8"),
        ("%evt.num %fd.name", "fd.type in (ipv4, ipv6)"),
        ("%evt.num %fd.name %fd.num", "fd.num>=3 and fd.num<5"),
        ("%evt.num %evt.type", "(evt.type=read or evt.type=write) and not proc.name=cat"),
        ("%evt.num %evt.type %thread.tid", "proc.pid>20000 and proc.pid<=20072"),
        ("%evt.num %user.name", "user.name=root"),
        ("%evt.num %container.id", "container.id!=host"),
        ("%evt.num %k8s.pod.name", "k8s.ns.name=prod"),
        ("%evt.num %proc.name", "proc.aname=bash"),
        ("%evt.num %proc.name", "proc.aname[1]=bash"),
        ("%evt.num %evt.type", "evt.buffer contains ELF or evt.buffer contains SELECT"),
        ("%evt.num %evt.buflen", "evt.buflen>100"),
        ("%evt.num %evt.type", "evt.arg.fd contains /lib"),
        ("%evt.num %evt.type", "evt.arg.flags contains O_RDONLY"),
        ("%evt.num %evt.arg.args %evt.arg.tid", "evt.type=execve and evt.dir=<"),
        ("%evt.num %evt.type", "evt.res=ENOENT"),
        ("%evt.num %evt.type", "evt.type=switch and evt.cpu=3"),
        ("", "proc.name=sysdig"),
        ("", "evt.dir=>"),
        ("", "fd.typechar=f and evt.dir=<"),
    ];

    public static TheoryData<string> Captures => [.. RepoPaths.SampleNames, "synthetic"];

    [Theory]
    [MemberData(nameof(Captures))]
    public void Read_prints_what_sysdig_prints_for_every_format_and_filter(string name)
    {
        var path = name == "synthetic" ? AnalysisSyntheticCapture.File : RepoPaths.Sample(name);
        var failures = new List<string>();
        foreach (var (format, filter) in Cases)
        {
            string[] args = [.. format.Length > 0 ? new[] { "-p", format } : [], .. filter.Length > 0 ? new[] { filter } : []];
            var expected = Sysdig.Run(["-r", path, .. args]);
            var actual = InspectCli.Run(["read", path, .. args]);
            if (expected.ExitCode != 0)
            {
                failures.Add($"sysdig failed on [{format}] [{filter}]: {expected.Stderr}");
                continue;
            }

            if (actual.ExitCode != 0 || actual.Stdout != expected.Stdout)
            {
                failures.Add($"[{format}] [{filter}]: {FirstDifference(expected.Stdout, actual.Stdout + actual.Stderr)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases.Length} cases differ on {name}:\n" + string.Join('\n', failures));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void Json_output_is_what_sysdig_prints(string name)
    {
        var path = name == "synthetic" ? AnalysisSyntheticCapture.File : RepoPaths.Sample(name);
        foreach (var args in new[]
        {
            new[] { "-j" },
            ["-j", "-p", "%evt.num %proc.name %fd.name %evt.failed %evt.cpu %user.uid %fd.sport %evt.rawres %evt.latency %fd.sip"],
            ["-j", "-p", "*%evt.num %container.name %k8s.pod.name %evt.buffer", "evt.is_io=true"],
        })
        {
            var expected = Sysdig.Read(path, args);
            var actual = InspectCli.Run(["read", path, .. args]);
            Assert.Equal(0, actual.ExitCode);
            Assert.Equal(expected, actual.Stdout);
        }
    }

    [Fact]
    public void Count_prints_the_number_of_events_that_pass_the_filter()
    {
        var path = RepoPaths.Sample("falco_cat_write.scap");
        var lines = Sysdig.Read(path, "-p", "%evt.num", "evt.type=mmap").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var actual = InspectCli.Run("read", path, "--count", "evt.type=mmap");
        Assert.Equal(0, actual.ExitCode);
        Assert.Equal($"{lines}\n", actual.Stdout);
    }

    [Theory]
    [InlineData("proc.name=", 11, "expected a value")]
    [InlineData("proc.nme=cat", 1, "unknown field 'proc.nme'")]
    [InlineData("proc.name=cat and (fd.num>3", 28, "missing ')'")]
    [InlineData("fd.num contains 3", 8, "'contains' is not supported")]
    [InlineData("evt.type=opne", 10, "unknown event type 'opne'")]
    [InlineData("proc.name = cat or", 19, "condition is missing")]
    public void Filter_errors_name_the_column(string filter, int column, string message)
    {
        var result = InspectCli.Run("read", RepoPaths.Sample("libs_sample.scap"), filter);
        Assert.Equal(CommandLine.ExitUsage, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"inspect: filter error at column {column}: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_errors_name_the_column()
    {
        var result = InspectCli.Run("read", RepoPaths.Sample("libs_sample.scap"), "-p", "%evt.num %proc.nosuch");
        Assert.Equal(CommandLine.ExitUsage, result.ExitCode);
        Assert.Equal("inspect: unknown field 'proc.nosuch' at column 10 of the format\n", result.Stderr);
    }

    [Fact]
    public void Fields_lists_every_family_with_descriptions()
    {
        var result = InspectCli.Run("fields");
        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "evt.num", "evt.arg.NAME|[N]", "proc.aname[N]", "thread.tid", "fd.name", "user.name", "container.image", "k8s.pod.label.KEY|[KEY]" })
        {
            Assert.Contains(name, result.Stdout, StringComparison.Ordinal);
        }

        var json = InspectCli.Run("fields", "fd", "--json");
        Assert.All(json.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("{\"name\":\"fd.", l, StringComparison.Ordinal));
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return $"line {i + 1}: sysdig '{el}' inspect '{al}'";
            }
        }

        return "identical";
    }
}
