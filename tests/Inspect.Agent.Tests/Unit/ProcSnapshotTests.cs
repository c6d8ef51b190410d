using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Inspect.Agent.Capture;
using Inspect.Agent.Snapshot;
using Inspect.Agent.Tests.Support;
using Inspect.Scap.Model;
using Inspect.TestSupport;

namespace Inspect.Agent.Tests.Unit;

/// <summary>The /proc snapshot of the test process itself, checked against what the runtime knows independently.</summary>
public sealed class ProcSnapshotTests
{
    private static readonly int Pid = Environment.ProcessId;

    [Fact]
    public void Own_process_threads_are_read_with_process_wide_values()
    {
        var (threads, cgroups) = new ProcessTableReader().ReadProcess(Pid)!.Value;

        var main = Assert.Single(threads, t => t.Tid == Pid);
        Assert.True(threads.Count > 1, "a .NET process always has several threads");
        Assert.All(threads, t => Assert.Equal(Pid, t.Pid));
        Assert.Equal(threads.Count, threads.Select(t => t.Tid).Distinct().Count());
        Assert.Equal(Environment.ProcessPath, main.ExePath);
        Assert.Equal(Environment.CurrentDirectory, main.Cwd);
        Assert.Equal(Environment.GetCommandLineArgs().Skip(1), ThreadEntry.NulSeparated(main.Args));
        Assert.Contains($"PATH={Environment.GetEnvironmentVariable("PATH")}", ThreadEntry.NulSeparated(main.Env));
        Assert.Equal(Environment.IsPrivilegedProcess, main.Uid == 0);
        Assert.True(main.FdLimit > 0);
        Assert.True(main.VmRssKb > 0);
        Assert.Equal(cgroups.ProbeStyleEntries(), ThreadEntry.NulSeparated(main.Cgroups));
        Assert.Contains(ThreadEntry.NulSeparated(main.Cgroups), c => c.StartsWith("memory=/", StringComparison.Ordinal));
    }

    [Fact]
    public void Own_fd_table_shows_an_open_file_a_listener_and_a_connection()
    {
        var path = Path.Join(Path.GetTempPath(), $"inspect-fd-{Guid.NewGuid():N}.txt");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        try
        {
            var dir = $"/proc/{Pid}";
            var fds = FdTableReader.Read(dir, SocketTable.Read(Path.Join(dir, "net")));

            var written = Assert.Single(fds, f => f.Name == path);
            Assert.Equal(FdType.FileV2, written.Type);
            Assert.Equal(1u << 1, written.OpenFlags & 3);
            Assert.Contains(fds, f => f.Type == FdType.IPv4ServerSocket && f.SourcePort == port && f.L4Proto == L4Protocol.Tcp && IPAddress.Loopback.Equals(f.SourceIp));
            Assert.Contains(fds, f => f.Type == FdType.IPv4Socket && f.DestPort == port && f.L4Proto == L4Protocol.Tcp && IPAddress.Loopback.Equals(f.DestIp));
            Assert.Equal(fds.Count, fds.Select(f => f.Fd).Distinct().Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Machine_info_describes_this_machine()
    {
        var now = DateTimeOffset.UtcNow;
        var machine = MachineInfoReader.Read("/proc", now);

        Assert.Equal(Environment.MachineName, machine.Hostname);
        Assert.True(machine.NumCpus >= Environment.ProcessorCount);
        Assert.True(machine.MemorySizeBytes > 64UL << 20);
        Assert.True(machine.MaxPid >= 32768);
        var btime = long.Parse(File.ReadAllLines("/proc/stat").First(l => l.StartsWith("btime ", StringComparison.Ordinal))[6..], CultureInfo.InvariantCulture);
        Assert.InRange((long)(machine.BootTimeEpochNs / 1_000_000_000), btime - 2, btime + 2);
    }

    [Fact]
    public void Users_interfaces_and_cgroup_mount_of_this_machine()
    {
        var users = UserListReader.Read();
        Assert.Contains(users.Users, u => u is { Uid: 0, Name: "root" });
        Assert.Contains(users.Groups, g => g is { Gid: 0, Name: "root" });

        var loopback = Assert.Single(InterfaceListReader.Read(), i => i.Name == "lo" && i.Address.Equals(IPAddress.Loopback));
        Assert.Equal(IPAddress.Parse("255.0.0.0"), loopback.Netmask);
        Assert.Equal(IPAddress.Parse("127.255.255.255"), loopback.Broadcast);

        Assert.NotNull(CgroupV2Mount.Find());
    }

    [Fact]
    public void Snapshot_of_this_machine_is_a_process_table_sysdig_reads()
    {
        var snapshot = new ProcSnapshotSource(TimeProvider.System).Take();
        var capture = Path.Join(Path.GetTempPath(), $"inspect-snapshot-{Guid.NewGuid():N}.scap");
        try
        {
            using (var sink = ScapFileSink.Create(capture))
            {
                sink.WriteMetadata(snapshot);
                sink.WriteEvent(FramedRecords.CloseExit(snapshot.TakenAtNs, Pid), 0);
            }

            // sysdig resolves the event's thread through the process list and its fd through the fd list.
            var comm = File.ReadAllText($"/proc/{Pid}/comm").Trim();
            var line = Sysdig.Read(capture, "-p", "%proc.name|%proc.pid|%proc.exepath|%user.name").Trim();
            Assert.Equal($"{comm}|{Pid}|{Environment.ProcessPath}|{(Environment.IsPrivilegedProcess ? "root" : Environment.UserName)}", line);
            Assert.Contains(snapshot.Threads, t => t.Tid == 1);
            Assert.Contains(snapshot.FdTables, t => t.Tid == Pid && t.Entries.Count > 0);
        }
        finally
        {
            File.Delete(capture);
        }
    }
}
