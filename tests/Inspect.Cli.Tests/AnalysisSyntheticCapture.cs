using System.Net;
using System.Text;
using Inspect.Scap.Model;
using Inspect.Scap.Writing;

namespace Inspect.Cli.Tests;

/// <summary>
/// Writes a small capture that exercises what the public samples lack: containers and Kubernetes pods (cgroups plus
/// container metadata events), users, interfaces, clone/execve/exit, file and network I/O on several fds, and procinfo
/// CPU ticks. sysdig reads it as the oracle, so it needs no golden output.
/// </summary>
internal static class AnalysisSyntheticCapture
{
    public const ulong Start = 1_700_000_000_000_000_000;
    private const string WebId = "aaaaaaaaaaaa1111111111111111111111111111111111111111111111111111";
    private const string ApiId = "bbbbbbbbbbbb2222222222222222222222222222222222222222222222222222";
    private const string SandboxId = "cccccccccccc3333333333333333333333333333333333333333333333333333";
    private static readonly Lazy<string> Path = new(Create);

    /// <summary>The capture's path (written once per test run).</summary>
    public static string File => Path.Value;

    private static string Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"inspect-analysis-{Environment.ProcessId}.scap");
        using (var w = ScapWriter.Create(path))
        {
            using var writer = new Writer(w);
            writer.Write();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.File.Delete(path);
        return path;
    }

    private sealed class Writer(ScapWriter w) : IDisposable
    {
        private readonly ScapEventBuilder _b = new();
        private ulong _ts = Start;

        public void Write()
        {
            w.WriteSectionHeader();
            w.WriteMachineInfo(new MachineInfo { NumCpus = 4, MemorySizeBytes = 8UL << 30, MaxPid = 32768, Hostname = "node-1" });
            w.WriteInterfaceList(
            [
                new InterfaceEntry("lo", IPAddress.Parse("127.0.0.1"), IPAddress.Parse("255.0.0.0"), IPAddress.Parse("127.255.255.255"), 0),
                new InterfaceEntry("eth0", IPAddress.Parse("10.0.0.5"), IPAddress.Parse("255.255.255.0"), IPAddress.Parse("10.0.0.255"), 1000),
            ]);
            w.WriteUserList(new UserList(
                [new UserEntry(0, 0, "root", "/root", "/bin/bash"), new UserEntry(1000, 1000, "alice", "/home/alice", "/bin/zsh")],
                [new GroupEntry(0, "root"), new GroupEntry(1000, "alice")]));
            w.WriteProcessList(
            [
                Thread(1, 1, 0, "systemd", "/sbin/init", "/", 0, "cpu=/"),
                Thread(100, 100, 1, "bash", "-bash", "/home/alice", 1000, "cpu=/user.slice"),
                Thread(200, 200, 1, "nginx", "nginx", "/", 0, $"cpu=/docker/{WebId}", "-g\0daemon off;\0"),
                Thread(201, 200, 1, "nginx", "nginx", "/", 0, $"cpu=/docker/{WebId}", flags: (1u << 13) | 1u),
                Thread(300, 300, 1, "python3", "python3", "/app", 0, $"cpu=/kubepods/besteffort/pod1234/{ApiId}", "api.py\0"),
            ]);
            w.WriteFdList(new FdTable(1, []));
            w.WriteFdList(new FdTable(100, [new FdEntry { Fd = 0, Type = FdType.FileV2, Name = "/dev/pts/0", OpenFlags = 3 }]));
            w.WriteFdList(new FdTable(200,
            [
                new FdEntry { Fd = 3, Type = FdType.IPv4ServerSocket, SourceIp = IPAddress.Any, SourcePort = 80, L4Proto = L4Protocol.Tcp },
                new FdEntry { Fd = 4, Type = FdType.IPv4Socket, SourceIp = IPAddress.Parse("10.0.0.9"), SourcePort = 51000, DestIp = IPAddress.Parse("10.0.0.5"), DestPort = 80, L4Proto = L4Protocol.Tcp },
                new FdEntry { Fd = 7, Type = FdType.FileV2, Name = "/var/log/nginx/access.log", OpenFlags = 10 },
            ]));
            w.WriteFdList(new FdTable(201, []));
            w.WriteFdList(new FdTable(300, []));

            Container(WebId, "web", "nginx:1.25", 0, new() { ["maintainer"] = "nginx" });
            Container(ApiId, "k8s_api_api-7d9f_prod", "python:3.12", 6, new()
            {
                ["io.kubernetes.pod.name"] = "api-7d9f",
                ["io.kubernetes.pod.namespace"] = "prod",
                ["io.kubernetes.pod.uid"] = "1234-abcd",
                ["io.kubernetes.sandbox.id"] = SandboxId,
            });
            Container(SandboxId, "k8s_POD_api-7d9f_prod", "pause:3.9", 6, new()
            {
                ["io.kubernetes.pod.name"] = "api-7d9f",
                ["io.kubernetes.pod.namespace"] = "prod",
                ["app"] = "api",
                ["tier"] = "backend",
            });

            Tick();
            ProcInfo(100, 10, 5);
            ProcInfo(200, 50, 20);
            ProcInfo(300, 30, 10);

            // bash forks and execs cat, which reads a file, writes to the terminal and exits.
            Emit(222, 100);
            Clone(100, res: 101, tid: 100, pid: 100, ptid: 1);
            Clone(101, res: 0, tid: 101, pid: 101, ptid: 100);
            Emit(292, 101, e => e.Path("/bin/cat"));
            Emit(293, 101, e => e.Fd(0).Path("cat").Bytes(Encoding.UTF8.GetBytes("/etc/passwd\0")).Fd(101).Fd(101).Fd(100).Path("/home/alice")
                .UInt64(1024).UInt64(0).UInt64(10).UInt32(1000).UInt32(200).UInt32(0).Path("cat").Bytes(Encoding.UTF8.GetBytes("cpu=/user.slice\0"))
                .Bytes(Encoding.UTF8.GetBytes("HOME=/home/alice\0")).Int32(34816).Fd(101).Int32(1000).UInt32(0));
            OpenAt(101, 3, "/etc/passwd", 1);
            Read(101, 3, "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/zsh\n");
            Write(101, 0, "hello from cat\n");
            Close(101, 3);
            OpenAt(101, -2, "/nonexistent/file", 1);
            OpenAt(101, 3, "notes.txt", 4 | 2 | 512, dirfd: -100);
            Write(101, 3, "relative write\n");
            Close(101, 3);
            Emit(186, 101, e => e.Fd(0).Fd(0).UInt8(0).UInt8(0));

            Tick();
            ProcInfo(100, 12, 6);
            ProcInfo(200, 90, 30);
            ProcInfo(300, 45, 15);

            // nginx accepts a connection, reads a request, answers and logs it; a worker thread serves fd 4.
            Emit(246, 200);
            Emit(247, 200, e => e.Fd(5).Bytes(SocketEncoding.SockTuple(Ep("10.0.0.9", 52000), Ep("10.0.0.5", 80))).UInt8(0).UInt32(0).UInt32(128));
            Read(200, 5, "GET /index.html HTTP/1.1\r\nHost: web\r\n\r\n");
            Write(200, 5, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
            Write(200, 7, "10.0.0.9 - - \"GET /index.html\" 200 5\n");
            Close(200, 5);
            Read(201, 4, "GET /health HTTP/1.1\r\n\r\n");
            Write(201, 4, "HTTP/1.1 204 No Content\r\n\r\n");

            // The API pod connects to a database and queries it; it also resolves a name over UDP.
            Emit(18, 300, e => e.UInt32(2).UInt32(1).UInt32(0));
            Emit(19, 300, e => e.Fd(6));
            Emit(22, 300, e => e.Fd(6).Bytes(SocketEncoding.SockAddr(Ep("10.0.0.20", 5432))));
            Emit(23, 300, e => e.Fd(0).Bytes(SocketEncoding.SockTuple(Ep("10.0.0.5", 40000), Ep("10.0.0.20", 5432))));
            Write(300, 6, "SELECT * FROM users WHERE id = 42;");
            Read(300, 6, "id|name\n42|alice\n");
            Emit(18, 300, e => e.UInt32(2).UInt32(2).UInt32(0));
            Emit(19, 300, e => e.Fd(8));
            Emit(30, 300, e => e.Fd(8).UInt32(29).Bytes(SocketEncoding.SockTuple(Ep("0.0.0.0", 0), Ep("8.8.8.8", 53))));
            Emit(31, 300, e => e.Fd(29).Bytes(Encoding.ASCII.GetBytes("\u0012\u0034\u0001\u0000\u0000\u0001api.example.com")));
            Emit(34, 300, e => e.Fd(8).UInt32(512));
            Emit(35, 300, e => e.Fd(45).Bytes(Encoding.ASCII.GetBytes("\u0012\u0034\u0081\u0080answer 93.184.216.34")).Bytes(SocketEncoding.SockTuple(Ep("8.8.8.8", 53), Ep("10.0.0.5", 41000))));
            Close(300, 8);
            Emit(22, 300, e => e.Fd(9).Bytes(SocketEncoding.SockAddr(Ep("10.0.0.21", 6379))));
            Emit(23, 300, e => e.Fd(-111).Bytes([]));

            Tick();
            ProcInfo(100, 12, 7);
            ProcInfo(200, 120, 40);
            ProcInfo(300, 80, 20);
            Write(300, 6, "SELECT 1;");
            Read(300, 6, "1\n");
            Close(300, 6);
        }

        public void Dispose() => _b.Dispose();

        private static IPEndPoint Ep(string ip, int port) => new(IPAddress.Parse(ip), port);

        private static ThreadEntry Thread(long tid, long pid, long ptid, string comm, string exe, string cwd, uint uid, string cgroups, string args = "", uint flags = 0) => new()
        {
            Tid = tid,
            Pid = pid,
            Ptid = ptid,
            Sid = pid,
            Vpgid = pid,
            Comm = comm,
            Exe = exe,
            ExePath = "/usr/bin/" + comm,
            Args = Encoding.UTF8.GetBytes(args),
            Cwd = cwd,
            FdLimit = 1024,
            Flags = flags,
            Uid = uid,
            Gid = uid,
            Env = Encoding.UTF8.GetBytes("PATH=/usr/bin\0"),
            Vtid = tid,
            Vpid = pid,
            Cgroups = Encoding.UTF8.GetBytes(cgroups + "\0"),
            Root = "/",
            LoginUid = (int)uid,
        };

        private void Container(string fullId, string name, string image, int type, Dictionary<string, string> labels)
        {
            var json = new StringBuilder();
            json.Append("{\"container\":{\"id\":\"").Append(fullId[..12]).Append("\",\"full_id\":\"").Append(fullId)
                .Append("\",\"name\":\"").Append(name).Append("\",\"image\":\"").Append(image)
                .Append("\",\"imagerepo\":\"").Append(image.Split(':')[0]).Append("\",\"imagetag\":\"").Append(image.Split(':')[1])
                .Append("\",\"type\":").Append(type).Append(",\"privileged\":false,\"lookup_state\":1,\"labels\":{");
            json.AppendJoin(',', labels.Select(l => $"\"{l.Key}\":\"{l.Value}\"")).Append("}}}");
            Emit(324, -1, e => e.Path(json.ToString()));
        }

        private void Clone(long threadId, long res, long tid, long pid, long ptid) =>
            Emit(223, threadId, e => e.Fd(res).Path("bash").Bytes([]).Fd(tid).Fd(pid).Fd(ptid).Path("/home/alice").Int64(1024)
                .UInt64(0).UInt64(0).UInt32(1000).UInt32(100).UInt32(0).Path("bash").Bytes(Encoding.UTF8.GetBytes("cpu=/user.slice\0"))
                .UInt32(0).UInt32(1000).UInt32(1000).Fd(tid).Fd(pid));

        private void OpenAt(long tid, long fd, string name, uint flags, long dirfd = -100)
        {
            Emit(306, tid, e => e.Fd(dirfd).Path(name).UInt32(flags).UInt32(0));
            Emit(307, tid, e => e.Fd(fd).Fd(dirfd).Path(name).UInt32(flags).UInt32(0).UInt32(0x803));
        }

        private void Read(long tid, long fd, string data)
        {
            var bytes = Encoding.ASCII.GetBytes(data);
            Emit(6, tid, e => e.Fd(fd).UInt32(4096));
            Emit(7, tid, e => e.Fd(bytes.Length).Bytes(bytes.AsSpan(0, Math.Min(80, bytes.Length))));
        }

        private void Write(long tid, long fd, string data)
        {
            var bytes = Encoding.ASCII.GetBytes(data);
            Emit(8, tid, e => e.Fd(fd).UInt32((uint)bytes.Length));
            Emit(9, tid, e => e.Fd(bytes.Length).Bytes(bytes.AsSpan(0, Math.Min(80, bytes.Length))));
        }

        private void Close(long tid, long fd)
        {
            Emit(4, tid, e => e.Fd(fd));
            Emit(5, tid, e => e.Fd(0));
        }

        private void ProcInfo(long tid, ulong user, ulong system) =>
            Emit(234, tid, e => e.UInt64(user).UInt64(system), atSecondBoundary: true);

        private void Tick() => _ts = (_ts / 1_000_000_000 + 1) * 1_000_000_000 + 1000;

        private void Emit(ushort type, long tid, Action<ScapEventBuilder>? parameters = null, bool atSecondBoundary = false)
        {
            var ts = atSecondBoundary ? (_ts / 1_000_000_000 * 1_000_000_000) - 1 : (_ts += 12_345);
            _b.Begin(type, ts, tid);
            parameters?.Invoke(_b);
            w.WriteEvent(_b.Build(), cpu: (ushort)(tid % 4));
        }
    }
}
