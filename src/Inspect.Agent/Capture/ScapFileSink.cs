using Inspect.Agent.Snapshot;
using Inspect.Scap.Model;
using Inspect.Scap.Writing;

namespace Inspect.Agent.Capture;

/// <summary>
/// Writes a capture as a .scap file sysdig 0.29.3 reads: section header, machine info, interfaces, users, process
/// list, one fd list per process, then events (the order of scap-format.md §1.5). Blocks reach the file whole
/// (<see cref="WholeBlockStream"/>), so an interrupted capture is still readable.
/// </summary>
public sealed class ScapFileSink : ICaptureSink
{
    private readonly ScapWriter _writer;
    private readonly Stream _output;
    private long _redactionOffset = -1;

    public ScapFileSink(Stream output, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _writer = new ScapWriter(new WholeBlockStream(output, leaveOpen: leaveOpen));
    }

    public long BytesWritten => _writer.BytesWritten;

    /// <summary>Creates (or truncates) <paramref name="path"/>. The file stream is unbuffered: <see cref="WholeBlockStream"/> buffers.</summary>
    public static ScapFileSink Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0));

    public void WriteMetadata(SystemSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _writer.WriteSectionHeader();
        _writer.WriteMachineInfo(snapshot.Machine);
        _writer.WriteInterfaceList(snapshot.Interfaces);
        _writer.WriteUserList(snapshot.Users);
        _writer.WriteProcessList(snapshot.Threads);
        foreach (var table in snapshot.FdTables)
        {
            _writer.WriteFdList(table);
        }
    }

    /// <summary>
    /// The first call writes the block; later calls overwrite it in place when the output can seek. On an output that
    /// cannot, the file keeps the first counts, marked as not final.
    /// </summary>
    public void WriteRedactionSummary(RedactionSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (_redactionOffset < 0)
        {
            _redactionOffset = _writer.WriteRedactionSummary(summary);
            return;
        }

        if (!_output.CanSeek)
        {
            return;
        }

        // Everything buffered goes out first, so the block is on disk where it will be overwritten.
        _writer.Flush();
        var end = _output.Position;
        _output.Position = _redactionOffset;
        _output.Write(RedactionBlockEncoder.Encode(summary));
        _output.Position = end;
        _output.Flush();
    }

    public void WriteEvent(ReadOnlySpan<byte> scapEvent, ushort cpu) => _writer.WriteEvent(scapEvent, cpu);

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
