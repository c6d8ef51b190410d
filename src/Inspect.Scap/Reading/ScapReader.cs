using Inspect.Scap.Format;
using Inspect.Scap.Model;

namespace Inspect.Scap.Reading;

/// <summary>
/// Streaming reader of a capture: sections, their metadata blocks, then events, one record at a time.
/// Holds one block in memory (a few fixed batches of blocks when reading ahead); metadata is decoded into records,
/// events are exposed as zero-copy views.
/// </summary>
/// <remarks>
/// Follows libscap's rules: a file starts with a section header; metadata blocks of unknown types before the first
/// event are skipped; after events, only events or a new section header (a concatenated capture) may follow.
/// </remarks>
public sealed class ScapReader : IDisposable
{
    // Exactly one of the two is set: blocks framed on this thread, or on a read-ahead thread.
    private readonly ScapBlockReader? _blocks;
    private readonly ReadAheadBlockReader? _ahead;
    private bool _inEvents;
    private bool _started;
    private BlockFormat _format;
    private EventLayout _event;
    private bool _atEvent;

    /// <param name="stream">The capture, plain or gzip.</param>
    /// <param name="leaveOpen">Leave <paramref name="stream"/> open when the reader is disposed.</param>
    /// <param name="readAhead">
    /// Read, inflate and validate blocks on a second thread while the caller works on the current one. Only for
    /// streams that are not used elsewhere meanwhile; the reader then holds a few fixed batches of blocks.
    /// </param>
    public ScapReader(Stream stream, bool leaveOpen = false, bool readAhead = false)
        : this(new ScapBlockReader(stream, leaveOpen), readAhead)
    {
    }

    private ScapReader(ScapBlockReader blocks, bool readAhead)
    {
        if (readAhead)
        {
            _ahead = new ReadAheadBlockReader(blocks);
        }
        else
        {
            _blocks = blocks;
        }
    }

    /// <summary>The input was gzip-compressed; offsets then count decompressed bytes.</summary>
    public bool IsCompressed => _ahead?.IsCompressed ?? _blocks!.IsCompressed;

    /// <summary>Offset of the current record's block.</summary>
    public long RecordOffset => BlockOffset;

    /// <summary>Zero-based index of the current section (several in a concatenated capture).</summary>
    public int SectionIndex { get; private set; } = -1;

    /// <summary>Layout version of the current record's block (process lists 1–9, other lists 1–2, events 1–2).</summary>
    public int RecordVersion => _format.Version;

    /// <summary>Unknown metadata blocks skipped so far.</summary>
    public int SkippedBlocks { get; private set; }

    /// <summary>The header of the current section.</summary>
    public SectionHeader? Section { get; private set; }

    /// <summary>The current machine-info record (after <see cref="ScapRecordKind.MachineInfo"/>).</summary>
    public MachineInfo? Machine { get; private set; }

    /// <summary>The threads of the current process-list block.</summary>
    public IReadOnlyList<ThreadEntry> Threads { get; private set; } = [];

    /// <summary>The current fd-list block.</summary>
    public FdTable? Fds { get; private set; }

    /// <summary>The current interface-list block.</summary>
    public IReadOnlyList<InterfaceEntry> Interfaces { get; private set; } = [];

    /// <summary>The current user-list block.</summary>
    public UserList? Users { get; private set; }

    /// <summary>The redaction counts of the current section (after <see cref="ScapRecordKind.RedactionSummary"/>).</summary>
    public RedactionSummary? Redaction { get; private set; }

    /// <summary>The current event; valid until the next <see cref="Read"/>.</summary>
    public ScapEvent Event
    {
        get
        {
            if (!_atEvent)
            {
                throw new InvalidOperationException("the current record is not an event");
            }

            return _event.View(Body, BlockOffset);
        }
    }

    // The block reader on this thread is the usual case, so it is tested first.
    private long BlockOffset => _blocks is { } blocks ? blocks.BlockOffset : _ahead!.BlockOffset;

    private uint BlockType => _blocks is { } blocks ? blocks.BlockType : _ahead!.BlockType;

    private ReadOnlySpan<byte> Body => _blocks is { } blocks ? blocks.Body : _ahead!.Body;

    /// <summary>Opens a capture file (plain or gzip), framed on the calling thread.</summary>
    /// <remarks>
    /// Not read ahead by default: on a machine whose cores are busy with other work, the copy into the read-ahead
    /// batches and the hand-over between threads cost more than the second thread saves (measured in BENCHMARKS.md).
    /// </remarks>
    public static ScapReader Open(string path) => Open(path, readAhead: false);

    /// <summary>Opens a capture file (plain or gzip).</summary>
    /// <param name="path">The file.</param>
    /// <param name="readAhead">Read, inflate and validate blocks on a second thread (see the constructor).</param>
    public static ScapReader Open(string path, bool readAhead) => new(ScapBlockReader.Open(path), readAhead);

    /// <summary>Moves to the next record.</summary>
    /// <exception cref="ScapFormatException">The file is malformed; the message names the offset.</exception>
    public ScapRecordKind Read()
    {
        // Cleared first, so that after a format error the failed record is not presented as an event.
        _atEvent = false;
        if (_inEvents && _blocks is { } mappedEvents && mappedEvents.TryMoveNextMappedEventV2(out _event))
        {
            _format = Formats.EventV2;
            _atEvent = true;
            return ScapRecordKind.Event;
        }

        while (MoveNextBlock())
        {
            // Nearly every block is a plain version-2 event: skip the general classification for those.
            var blockType = BlockType;
            if (_inEvents && blockType == BlockTypes.EventV2)
            {
                _format = Formats.EventV2;
                _event = _blocks is { } blocks ? EventDecoder.DecodeV2(blocks.Body, blocks.BlockOffset) : AheadLayout(_ahead!, Formats.EventV2);
                _atEvent = true;
                return ScapRecordKind.Event;
            }

            _format = BlockTypes.Describe(blockType);
            if (!_started && _format.Kind != BlockKind.SectionHeader)
            {
                ThrowHelper.Format(BlockOffset, $"not a scap capture: the first block has type 0x{blockType:X8}, not a section header (0x0A0D0D0A)");
            }

            if (_format.Kind == BlockKind.Event)
            {
                _inEvents = true;

                // Validate now (unless the read-ahead thread did), so a corrupt event fails here with its offset
                // rather than later in a consumer.
                _event = _blocks is { } blocks ? EventDecoder.Decode(blocks.Body, _format, blocks.BlockOffset) : AheadLayout(_ahead!, _format);
                _atEvent = true;
                return ScapRecordKind.Event;
            }

            if (_format.Kind == BlockKind.SectionHeader)
            {
                _started = true;
                _inEvents = false;
                SectionIndex++;
                Section = MetadataDecoder.SectionHeader(Body, BlockOffset + 8);
                return ScapRecordKind.SectionHeader;
            }

            if (_inEvents)
            {
                ThrowHelper.Format(BlockOffset, $"block type 0x{blockType:X} after events: only events or a new section header may follow events");
            }

            CheckTrailer();
            if (_format.Kind == BlockKind.Custom
                && RedactionBlockDecoder.TryDecode(Body, BlockOffset + 8) is { } redaction)
            {
                Redaction = redaction;
                return ScapRecordKind.RedactionSummary;
            }

            if (_format.Kind is BlockKind.Unknown or BlockKind.Custom)
            {
                SkippedBlocks++;
                continue;
            }

            return DecodeMetadata();
        }

        if (!_started)
        {
            ThrowHelper.Format(0, "empty file: a capture starts with a section header block");
        }

        return ScapRecordKind.End;
    }

    public void Dispose()
    {
        _blocks?.Dispose();
        _ahead?.Dispose();
    }

    private bool MoveNextBlock() => _blocks is { } blocks ? blocks.MoveNext() : _ahead!.MoveNext();

    // The read-ahead thread has usually validated the event already; otherwise validate it here, so a corrupt event
    // fails with its offset.
    private static EventLayout AheadLayout(ReadAheadBlockReader ahead, BlockFormat format) => ahead.Current.Validated
        ? ahead.Current.Layout
        : EventDecoder.Decode(ahead.Body, format, ahead.BlockOffset);

    private ScapRecordKind DecodeMetadata()
    {
        var body = Body;
        var offset = BlockOffset + 8;
        switch (_format.Kind)
        {
            case BlockKind.MachineInfo:
                Machine = MetadataDecoder.MachineInfo(body, offset);
                return ScapRecordKind.MachineInfo;
            case BlockKind.ProcessList:
                Threads = MetadataDecoder.ProcessList(body, _format.Version, offset);
                return ScapRecordKind.ProcessList;
            case BlockKind.FdList:
                Fds = MetadataDecoder.FdList(body, _format.Version, offset);
                return ScapRecordKind.FdList;
            case BlockKind.InterfaceList:
                Interfaces = MetadataDecoder.InterfaceList(body, _format.Version, offset);
                return ScapRecordKind.InterfaceList;
            case BlockKind.UserList:
                Users = MetadataDecoder.UserList(body, _format.Version, offset);
                return ScapRecordKind.UserList;
            default:
                throw new InvalidOperationException($"unhandled block kind {_format.Kind}");
        }
    }

    // libscap checks the trailer of metadata blocks only; event blocks are read by their leading length alone.
    private void CheckTrailer()
    {
        var block = _ahead is { } ahead ? ahead.Block : _blocks!.Block;
        var trailer = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(block[^4..]);
        var length = (uint)block.Length;
        if (trailer != length)
        {
            ThrowHelper.Format(BlockOffset + length - 4, $"wrong block trailer: header says {length} bytes, trailer says {trailer}");
        }
    }
}
