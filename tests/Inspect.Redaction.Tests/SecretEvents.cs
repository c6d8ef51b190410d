using System.Text;
using Inspect.Scap.Writing;

namespace Inspect.Redaction.Tests;

/// <summary>Encoded events as the probe delivers them (old-libs layout: enter with the fd, exit with res and data).</summary>
internal static class SecretEvents
{
    public const ushort WriteEnter = 8;
    public const ushort WriteExit = 9;
    public const ushort ReadEnter = 6;
    public const ushort ReadExit = 7;
    public const ushort ExecveExit = 293;

    public static byte[] IoEnter(ushort type, long tid, long fd, uint size)
    {
        using var b = new ScapEventBuilder();
        return b.Begin(type, 1, tid).Fd(fd).UInt32(size).Build().ToArray();
    }

    /// <summary>An I/O exit whose payload is <paramref name="data"/>; <paramref name="result"/> defaults to its length (not cut).</summary>
    public static byte[] IoExit(ushort type, long tid, string data, long? result = null)
    {
        using var b = new ScapEventBuilder();
        var bytes = Encoding.Latin1.GetBytes(data);
        return b.Begin(type, 2, tid).Int64(result ?? bytes.Length).Bytes(bytes).Build().ToArray();
    }

    /// <summary>An execve exit (20 parameters) with the given NUL-separated args and env.</summary>
    public static byte[] Execve(long tid, string exe, string args, string env, string comm = "tool")
    {
        using var b = new ScapEventBuilder();
        b.Begin(ExecveExit, 3, tid).Int64(0).Path(exe).Bytes(Encoding.Latin1.GetBytes(args)).Int64(tid).Int64(tid).Int64(1).Path("/")
            .UInt64(1024).UInt64(0).UInt64(0).UInt32(0).UInt32(0).UInt32(0).Path(comm).Bytes("cpu=/\0"u8)
            .Bytes(Encoding.Latin1.GetBytes(env)).Int32(0).Int64(tid).Int32(-1).UInt32(0);
        return b.Build().ToArray();
    }

    /// <summary>The payload of an I/O exit built by <see cref="IoExit"/> (after the 26-byte header, two lengths and the 8-byte res).</summary>
    public static string Payload(byte[] exit) => Encoding.Latin1.GetString(exit.AsSpan(26 + 4 + 8));
}
