using Inspect.TestSupport;

namespace Inspect.Scap.Tests;

/// <summary>Captures written from scratch by <c>ScapWriter</c> are read by Debian's sysdig 0.29.3, an independent reader.</summary>
public sealed class SysdigCompatibilityTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sysdig_reads_a_capture_written_from_scratch(bool compress)
    {
        var path = Path.Combine(Path.GetTempPath(), $"inspect-synthetic-{Guid.NewGuid():N}.scap");
        try
        {
            using (var file = File.Create(path))
            {
                SyntheticCapture.Write(file, compress);
            }

            // sysdig's default line: number, time, cpu, process (tid), direction, type, arguments with fd names resolved.
            var lines = Sysdig.Read(path).Split('\n', StringSplitOptions.RemoveEmptyEntries);

            // 14 syscall events follow the container event, which sysdig consumes while loading state.
            Assert.Equal(14, lines.Length);
            Assert.All(lines.Take(13), l => Assert.Contains(" curl (4242) ", l, StringComparison.Ordinal));
            Assert.EndsWith("< openat fd=3(<f>/etc/hosts) dirfd=-100(AT_FDCWD) name=/etc/hosts flags=1(O_RDONLY) mode=0 dev=803 ", lines[1], StringComparison.Ordinal);
            Assert.EndsWith("> read fd=3(<f>/etc/hosts) size=4096 ", lines[2], StringComparison.Ordinal);
            Assert.EndsWith("< read res=20 data=127.0.0.1 localhost. ", lines[3], StringComparison.Ordinal);
            Assert.EndsWith("< connect res=0 tuple=10.0.0.5:40000->10.0.0.9:80 ", lines[7], StringComparison.Ordinal);
            Assert.EndsWith("> write fd=4(<4t>10.0.0.5:40000->10.0.0.9:80) size=34 ", lines[8], StringComparison.Ordinal);
            Assert.EndsWith("< write res=34 data=GET / HTTP/1.1..Host: 10.0.0.9.... ", lines[9], StringComparison.Ordinal);
            Assert.EndsWith("> close fd=3(<f>/etc/hosts) ", lines[10], StringComparison.Ordinal);
            Assert.Contains(" ls (4242) < execve res=0 exe=/bin/ls args=-la./tmp. tid=4242(ls) pid=4242(ls) ptid=1(systemd) cwd=/home/alice/ ", lines[13], StringComparison.Ordinal);

            // Users, the process table, and container and pod metadata resolve offline.
            var identity = Sysdig.Read(path, "-p", "%user.name|%proc.cmdline|%proc.pname|%container.id|%container.name|%container.image|%k8s.pod.name|%k8s.ns.name", "evt.type=openat")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, identity.Length);
            Assert.All(identity, l => Assert.Equal("alice|curl -s http://10.0.0.9/|systemd|a1b2c3d4e5f6|web|nginx:1.25|web-7d9f|prod", l));
            Assert.Equal("ls -la /tmp\n", Sysdig.Read(path, "-p", "%proc.cmdline", "evt.type=execve and evt.dir=<"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
