using System.Buffers.Binary;
using Inspect.Scap.Writing;

namespace Inspect.Agent.Tests.Support;

/// <summary>Builds what inspect_probe_consume returns: 16-byte record headers, scap events, zero padding to 8.</summary>
internal sealed class FramedRecords
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _bytes = new();

    public int Count { get; private set; }

    public FramedRecords Add(ReadOnlySpan<byte> scapEvent, ushort ring = 0)
    {
        var recordSize = (16 + scapEvent.Length + 7) & ~7;
        Span<byte> header = stackalloc byte[16];
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)recordSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)scapEvent.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], ring);
        System.Buffers.BuffersExtensions.Write(_bytes, header);
        System.Buffers.BuffersExtensions.Write(_bytes, scapEvent);
        System.Buffers.BuffersExtensions.Write(_bytes, new byte[recordSize - 16 - scapEvent.Length]);
        Count++;
        return this;
    }

    public byte[] ToArray() => _bytes.WrittenSpan.ToArray();

    /// <summary>A close-exit event (type 5, one i64 result) of <paramref name="tid"/>: the smallest real event.</summary>
    public static byte[] CloseExit(ulong ts, long tid)
    {
        using var builder = new ScapEventBuilder();
        return builder.Begin(5, ts, tid).Fd(0).Build().ToArray();
    }

    /// <summary>A clone exit (type 223) whose cgroups parameter holds <paramref name="cgroups"/>.</summary>
    public static byte[] CloneExit(ulong ts, long tid, params string[] cgroups)
    {
        using var builder = new ScapEventBuilder();
        builder.Begin(223, ts, tid)
            .Fd(0).Path("/bin/sh").Bytes([]).Int64(tid).Int64(tid).Int64(1).Path("/")
            .Int64(1024).UInt64(0).UInt64(0).UInt32(0).UInt32(0).UInt32(0).Path("sh")
            .Bytes(Inspect.Scap.Model.ThreadEntry.ToNulSeparated(cgroups))
            .UInt32(0).UInt32(0).UInt32(0).Int64(tid).Int64(tid);
        return builder.Build().ToArray();
    }
}
