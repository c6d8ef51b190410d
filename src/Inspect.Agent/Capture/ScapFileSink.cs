using Inspect.Agent.Snapshot;
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

    public ScapFileSink(Stream output, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
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

    public void WriteEvent(ReadOnlySpan<byte> scapEvent, ushort cpu) => _writer.WriteEvent(scapEvent, cpu);

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
