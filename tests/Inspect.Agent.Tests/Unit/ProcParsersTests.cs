using System.Net;
using Inspect.Agent.Snapshot;
using Inspect.Scap.Model;

namespace Inspect.Agent.Tests.Unit;

/// <summary>The /proc text parsers on fixed inputs, including the awkward cases (odd command names, hybrid cgroups).</summary>
public sealed class ProcParsersTests
{
    [Fact]
    public void Stat_counts_fields_from_the_last_parenthesis()
    {
        var stat = ProcStat.Parse("4242 (we(i)rd) name) S 1 4242 4200 0 -1 4194560 1500 0 7 0 10 5 0 0 20 0 3 0 123456 1000000 250 18446744073709551615");

        Assert.NotNull(stat);
        Assert.Equal("we(i)rd) name", stat.Comm);
        Assert.Equal('S', stat.State);
        Assert.Equal(1, stat.ParentPid);
        Assert.Equal(4242, stat.ProcessGroup);
        Assert.Equal(4200, stat.Session);
        Assert.Equal(1500UL, stat.MinorFaults);
        Assert.Equal(7UL, stat.MajorFaults);
        Assert.Equal(123456UL, stat.StartTimeTicks);
    }

    [Fact]
    public void Status_takes_effective_ids_and_innermost_namespace_ids()
    {
        var status = ProcStatus.Parse("Name:\tsh\nUid:\t1000\t0\t0\t0\nGid:\t100\t50\t50\t50\nNStgid:\t900\t12\nNSpid:\t901\t13\nVmSize:\t  2592 kB\nVmRSS:\t  1612 kB\nVmSwap:\t 4 kB\nCapEff:\t000001ffffffffff\n");

        Assert.NotNull(status);
        Assert.Equal(0u, status.Uid);
        Assert.Equal(50u, status.Gid);
        Assert.Equal(12, status.NamespacePid);
        Assert.Equal(13, status.NamespaceTid);
        Assert.Equal(2592u, status.VmSizeKb);
        Assert.Equal(1612u, status.VmRssKb);
        Assert.Equal(4u, status.VmSwapKb);
        Assert.Equal(0x1ffffffffffUL, status.CapEffective);
    }

    [Fact]
    public void Limits_give_the_soft_open_files_limit()
    {
        const string limits = "Limit                     Soft Limit           Hard Limit           Units     \nMax open files            1024                 524288               files     \n";

        Assert.Equal(1024, ProcLimits.MaxOpenFiles(limits));
        Assert.Equal(-1, ProcLimits.MaxOpenFiles("Max open files            unlimited            unlimited            files\n"));
    }

    [Fact]
    public void Hybrid_cgroups_report_v1_paths_for_v1_controllers_like_the_probe()
    {
        var cgroups = ProcCgroups.Parse("9:name=systemd:/user.slice\n4:memory:/kubepods/x\n3:cpu,cpuacct:/kubepods/y\n7:blkio:/b\n0::/unified/path\n");

        Assert.Equal(["cpuset=/unified/path", "cpu=/kubepods/y", "cpuacct=/kubepods/y", "io=/b", "memory=/kubepods/x"], cgroups.ProbeStyleEntries());
        Assert.Equal("/unified/path", cgroups.UnifiedPath);
        Assert.Equal(["/user.slice", "/kubepods/x", "/kubepods/y", "/b", "/unified/path"], cgroups.AllPaths);
    }

    [Fact]
    public void Pure_v2_cgroups_report_the_unified_path_for_every_controller()
    {
        var cgroups = ProcCgroups.Parse("0::/kubepods.slice/a:b\n");

        Assert.All(cgroups.ProbeStyleEntries(), e => Assert.EndsWith("=/kubepods.slice/a:b", e, StringComparison.Ordinal));
        Assert.Equal(5, cgroups.ProbeStyleEntries().Count());
    }

    [Fact]
    public void Socket_tables_decode_kernel_words_and_states()
    {
        var table = new SocketTable();
        table.AddInet(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0\n" +
            "   1: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 20 4 30 10 -1\n",
            L4Protocol.Tcp,
            ipv6Table: false);
        table.AddInet(
            "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
            "   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1\n",
            L4Protocol.Tcp,
            ipv6Table: true);
        table.AddUnix("Num       RefCount Protocol Flags    Type St Inode Path\nffff888004a1b000: 00000002 00000000 00010000 0001 01 444 /run/test.sock\n");

        Assert.Equal(new FdEntry { Ino = 111, Type = FdType.IPv4ServerSocket, SourceIp = IPAddress.Loopback, SourcePort = 8080, L4Proto = L4Protocol.Tcp }, table.Find(111));
        var connected = table.Find(222)!;
        Assert.Equal((FdType.IPv4Socket, (ushort)50000, (ushort)8080), (connected.Type, connected.SourcePort, connected.DestPort));
        Assert.Equal(IPAddress.Loopback, connected.DestIp);
        Assert.Equal((FdType.IPv6ServerSocket, IPAddress.IPv6Loopback, (ushort)22), (table.Find(333)!.Type, table.Find(333)!.SourceIp, table.Find(333)!.SourcePort));
        Assert.Equal((FdType.UnixSocket, 0xffff888004a1b000UL, "/run/test.sock"), (table.Find(444)!.Type, table.Find(444)!.UnixSource, table.Find(444)!.Name));
    }

    [Theory]
    [InlineData("pipe:[123]", FdType.Fifo)]
    [InlineData("anon_inode:[eventfd]", FdType.Event)]
    [InlineData("anon_inode:[eventpoll]", FdType.EventPoll)]
    [InlineData("anon_inode:inotify", FdType.Inotify)]
    [InlineData("anon_inode:[timerfd]", FdType.TimerFd)]
    [InlineData("anon_inode:[signalfd]", FdType.SignalFd)]
    [InlineData("anon_inode:bpf-map", FdType.Unsupported)]
    [InlineData("/", FdType.Directory)]
    [InlineData("/etc/hostname", FdType.FileV2)]
    public void Fd_link_targets_get_their_type(string target, FdType type) =>
        Assert.Equal(type, FdTableReader.Describe(target, "pos:\t0\nflags:\t02100002\nino:\t77\n", new SocketTable())?.Type);

    [Fact]
    public void Open_flags_become_ppm_flags()
    {
        // O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, as fdinfo shows 01001101 octal.
        Assert.Equal((1u << 1) | (1u << 2) | (1u << 8) | (1u << 12), OpenFlags.ToPpm(Convert.ToUInt32("2001101", 8)));
        Assert.Equal(1u, OpenFlags.ToPpm(0));
        Assert.Equal(3u | (1u << 3), OpenFlags.ToPpm(2 | 0x400));
    }

    [Fact]
    public void Passwd_and_group_lines_are_parsed_and_bad_lines_skipped()
    {
        var users = UserListReader.ParsePasswd("root:x:0:0:root:/root:/bin/bash\n# comment\nbroken:line\nalice:x:1000:100:Alice:/home/alice:/bin/zsh\n");
        var groups = UserListReader.ParseGroup("root:x:0:\nusers:x:100:alice,bob\n");

        Assert.Equal([new UserEntry(0, 0, "root", "/root", "/bin/bash"), new UserEntry(1000, 100, "alice", "/home/alice", "/bin/zsh")], users);
        Assert.Equal([new GroupEntry(0, "root"), new GroupEntry(100, "users")], groups);
    }
}
