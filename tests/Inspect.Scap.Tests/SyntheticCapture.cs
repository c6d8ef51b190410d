using System.Net;
using System.Text;
using Inspect.Scap.Model;
using Inspect.Scap.Writing;

namespace Inspect.Scap.Tests;

/// <summary>
/// A small capture written from scratch: a user "alice" runs curl in a Kubernetes pod's container, which opens and
/// reads /etc/hosts, connects to 10.0.0.9:80, sends a request, then execs <c>ls -la /tmp</c>.
/// </summary>
internal static class SyntheticCapture
{
    public const string ContainerId = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    public const long Pid = 4242;
    public const ulong Start = 1_700_000_000_000_000_000UL;
    public const string Request = "GET / HTTP/1.1\r\nHost: 10.0.0.9\r\n\r\n";
    public const string HostsLine = "127.0.0.1 localhost\n";

    public static void Write(Stream output, bool compress = false)
    {
        using var writer = new ScapWriter(output, compress, leaveOpen: true);
        using var e = new ScapEventBuilder();
        writer.WriteSectionHeader();
        writer.WriteMachineInfo(new MachineInfo { NumCpus = 2, MemorySizeBytes = 8UL << 30, MaxPid = 4194304, Hostname = "inspect-test" });
        writer.WriteInterfaceList(
        [
            new InterfaceEntry("lo", IPAddress.Parse("127.0.0.1"), IPAddress.Parse("255.0.0.0"), IPAddress.Parse("127.255.255.255"), 0),
            new InterfaceEntry("eth0", IPAddress.Parse("10.0.0.5"), IPAddress.Parse("255.255.255.0"), IPAddress.Parse("10.0.0.255"), 1000),
        ]);
        writer.WriteUserList(new UserList(
            [new UserEntry(0, 0, "root", "/root", "/bin/bash"), new UserEntry(1000, 1000, "alice", "/home/alice", "/bin/sh")],
            [new GroupEntry(0, "root"), new GroupEntry(1000, "alice")]));
        var cgroups = ThreadEntry.ToNulSeparated(["cpu=/kubepods/besteffort/pod0d3f/" + ContainerId, "memory=/kubepods/besteffort/pod0d3f/" + ContainerId]);
        writer.WriteProcessList(
        [
            new ThreadEntry { Tid = 1, Pid = 1, Ptid = 0, Comm = "systemd", Exe = "/sbin/init", ExePath = "/usr/lib/systemd/systemd", Cwd = "/", FdLimit = 1024 },
            new ThreadEntry
            {
                Tid = Pid, Pid = Pid, Ptid = 1, Comm = "curl", Exe = "curl", ExePath = "/usr/bin/curl", Cwd = "/home/alice/",
                Args = ThreadEntry.ToNulSeparated(["-s", "http://10.0.0.9/"]), Uid = 1000, Gid = 1000, FdLimit = 1024,
                Cgroups = cgroups, Vtid = 7, Vpid = 7, LoginUid = 1000,
            },
        ]);
        writer.WriteFdList(new FdTable(Pid, [new FdEntry { Fd = 0, Type = FdType.FileV2, Name = "/dev/pts/0", OpenFlags = 3, Dev = 0x88 }]));
        writer.WriteFdList(new FdTable(1, []));

        var container = System.Text.Json.JsonSerializer.Serialize(new
        {
            container = new Dictionary<string, object>
            {
                ["id"] = ContainerId[..12],
                ["full_id"] = ContainerId,
                ["type"] = 6,
                ["name"] = "web",
                ["image"] = "nginx:1.25",
                ["imagerepo"] = "nginx",
                ["imagetag"] = "1.25",
                ["lookup_state"] = 1,
                ["labels"] = new Dictionary<string, string>
                {
                    ["io.kubernetes.pod.name"] = "web-7d9f",
                    ["io.kubernetes.pod.namespace"] = "prod",
                    ["io.kubernetes.pod.uid"] = "0d3f",
                },
            },
        });
        writer.WriteEvent(e.Begin(324, Start, -1).Path(container).Build(), 0);

        var t = Start + 1000;
        const long tid = Pid;
        writer.WriteEvent(e.Begin(306, t++, tid).Fd(-100).Path("/etc/hosts").UInt32(1).UInt32(0).Build(), 1);
        writer.WriteEvent(e.Begin(307, t++, tid).Fd(3).Fd(-100).Path("/etc/hosts").UInt32(1).UInt32(0).UInt32(0x803).Build(), 1);
        writer.WriteEvent(e.Begin(6, t++, tid).Fd(3).UInt32(4096).Build(), 1);
        writer.WriteEvent(e.Begin(7, t++, tid).Fd(HostsLine.Length).Bytes(Encoding.ASCII.GetBytes(HostsLine)).Build(), 1);
        writer.WriteEvent(e.Begin(18, t++, tid).UInt32(2).UInt32(1).UInt32(0).Build(), 1);
        writer.WriteEvent(e.Begin(19, t++, tid).Fd(4).Build(), 1);
        var local = new IPEndPoint(IPAddress.Parse("10.0.0.5"), 40000);
        var remote = new IPEndPoint(IPAddress.Parse("10.0.0.9"), 80);
        writer.WriteEvent(e.Begin(22, t++, tid).Fd(4).Bytes(SocketEncoding.SockAddr(remote)).Build(), 1);
        writer.WriteEvent(e.Begin(23, t++, tid).Fd(0).Bytes(SocketEncoding.SockTuple(local, remote)).Build(), 1);
        writer.WriteEvent(e.Begin(8, t++, tid).Fd(4).UInt32((uint)Request.Length).Build(), 1);
        writer.WriteEvent(e.Begin(9, t++, tid).Fd(Request.Length).Bytes(Encoding.ASCII.GetBytes(Request)).Build(), 1);
        writer.WriteEvent(e.Begin(4, t++, tid).Fd(3).Build(), 1);
        writer.WriteEvent(e.Begin(5, t++, tid).Fd(0).Build(), 1);
        writer.WriteEvent(e.Begin(292, t++, tid).Path("/bin/ls").Build(), 1);
        writer.WriteEvent(
            e.Begin(293, t++, tid).Fd(0).Path("/bin/ls").Bytes(ThreadEntry.ToNulSeparated(["-la", "/tmp"]))
                .Int64(tid).Int64(Pid).Int64(1).Path("/home/alice/").UInt64(1024).UInt64(0).UInt64(12)
                .UInt32(2048).UInt32(512).UInt32(0).Path("ls").Bytes(cgroups)
                .Bytes(ThreadEntry.ToNulSeparated(["HOME=/home/alice", "PATH=/usr/bin"])).Int32(0).Int64(Pid).Int32(1000).UInt32(0)
                .Build(),
            1);
    }
}
