using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Inspect.Scap.Format;

namespace Inspect.Scap.Reading;

/// <summary>
/// Frames blocks and validates events on a thread of its own, ahead of the consumer: the file's I/O, page faults, gzip
/// inflation and the per-event checks then run on a second core while the caller parses. Blocks are copied into a few
/// fixed batches (<see cref="BatchCount"/> × <see cref="BatchBytes"/>, or one block when it is larger), so memory stays
/// bounded whatever the file's size. Everything the consumer sees is in file order and exactly what the synchronous
/// <see cref="ScapBlockReader"/> gives; an error met ahead is thrown when the consumer reaches its place.
/// </summary>
internal sealed class ReadAheadBlockReader : IDisposable
{
    /// <summary>Bytes of blocks per batch: small enough that the batches in flight stay in the CPU's caches.</summary>
    public const int BatchBytes = 512 << 10;

    /// <summary>Batches in flight: one being filled, one being consumed, one spare.</summary>
    public const int BatchCount = 3;

    private readonly ScapBlockReader _source;
    private readonly BlockingCollection<BlockBatch> _filled = new(new ConcurrentQueue<BlockBatch>(), BatchCount);
    private readonly BlockingCollection<BlockBatch> _free = new(new ConcurrentQueue<BlockBatch>(), BatchCount);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private BlockBatch? _current;
    private int _index;
    private bool _disposed;

    public ReadAheadBlockReader(ScapBlockReader source)
    {
        _source = source;
        IsCompressed = source.IsCompressed;
        for (var i = 0; i < BatchCount; i++)
        {
            _free.Add(new BlockBatch());
        }

        _thread = new Thread(Produce) { IsBackground = true, Name = "scap read-ahead" };
        _thread.Start();
    }

    public bool IsCompressed { get; }

    /// <summary>The current block's description; valid after <see cref="MoveNext"/> returned true.</summary>
    public ref readonly PrefetchedBlock Current => ref _current!.Blocks[_index];

    public long BlockOffset => Current.Offset;

    public uint BlockType => Current.Type;

    /// <summary>The whole current block: header, body, padding and trailer.</summary>
    public ReadOnlySpan<byte> Block
    {
        get
        {
            ref readonly var b = ref Current;
            return _current!.Data.AsSpan(b.Start, b.Length);
        }
    }

    /// <summary>The current block between its 8-byte header and its 4-byte trailer.</summary>
    public ReadOnlySpan<byte> Body
    {
        get
        {
            ref readonly var b = ref Current;
            return _current!.Data.AsSpan(b.Start + 8, b.Length - 12);
        }
    }

    /// <summary>Moves to the next block; false at the clean end of the input.</summary>
    /// <exception cref="ScapFormatException">The input is malformed at this point (thrown in order, as read).</exception>
    public bool MoveNext()
    {
        var batch = _current;
        if (batch is not null && ++_index < batch.Count)
        {
            return true;
        }

        return NextBatch();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
        _filled.Dispose();
        _free.Dispose();
    }

    private bool NextBatch()
    {
        while (true)
        {
            var batch = _current;
            if (batch is not null)
            {
                if (batch.Error is { } error)
                {
                    _index = batch.Count;
                    ExceptionDispatchInfo.Throw(error);
                }

                if (batch.End)
                {
                    _index = batch.Count;
                    return false;
                }

                _current = null;
                batch.Reset();
                _free.Add(batch);
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            _current = _filled.Take();
            _index = 0;
            if (_current.Count > 0)
            {
                return true;
            }
        }
    }

    private void Produce()
    {
        try
        {
            var batch = _free.Take(_stop.Token);
            while (true)
            {
                bool more;
                try
                {
                    more = _source.MoveNext();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Handed over in place: the consumer throws it after the blocks that came before it.
                    batch.Error = e;
                    _filled.Add(batch, _stop.Token);
                    return;
                }

                if (!more)
                {
                    batch.End = true;
                    _filled.Add(batch, _stop.Token);
                    return;
                }

                var block = _source.Block;
                if (!batch.HasRoomFor(block.Length))
                {
                    _filled.Add(batch, _stop.Token);
                    batch = _free.Take(_stop.Token);
                }

                batch.Append(block, _source.BlockType, _source.BlockOffset);
            }
        }
        catch (OperationCanceledException)
        {
            // The consumer stopped reading.
        }
        finally
        {
            _source.Dispose();
        }
    }
}

/// <summary>Where a prefetched block lies in its batch, and its event already validated when it holds one.</summary>
internal struct PrefetchedBlock
{
    public int Start;
    public int Length;
    public uint Type;
    public long Offset;

    /// <summary>The event's layout, when <see cref="Validated"/>.</summary>
    public EventLayout Layout;

    /// <summary>An event block whose event passed validation; false for other blocks and for events that failed it
    /// (the consumer then validates again, which throws the error with its offset).</summary>
    public bool Validated;
}

/// <summary>Blocks copied back to back, with their descriptions, plus how the input ended when it did.</summary>
internal sealed class BlockBatch
{
    private const int InitialBlocks = 4096;

    public byte[] Data { get; private set; } = new byte[ReadAheadBlockReader.BatchBytes];

    public PrefetchedBlock[] Blocks { get; private set; } = new PrefetchedBlock[InitialBlocks];

    public int Count { get; private set; }

    private int _used;

    /// <summary>The input ended cleanly after these blocks.</summary>
    public bool End { get; set; }

    /// <summary>Reading failed after these blocks.</summary>
    public Exception? Error { get; set; }

    /// <summary>Whether a block of <paramref name="length"/> bytes fits; an empty batch takes a block of any size.</summary>
    public bool HasRoomFor(int length) => Count == 0 || _used + length <= Data.Length;

    public void Append(ReadOnlySpan<byte> block, uint type, long offset)
    {
        if (Count == 0 && block.Length > Data.Length)
        {
            Data = new byte[block.Length];
        }

        if (Count == Blocks.Length)
        {
            var grown = new PrefetchedBlock[Blocks.Length * 2];
            Blocks.CopyTo(grown, 0);
            Blocks = grown;
        }

        block.CopyTo(Data.AsSpan(_used));
        ref var b = ref Blocks[Count++];
        b.Start = _used;
        b.Length = block.Length;
        b.Type = type;
        b.Offset = offset;
        b.Validated = false;
        _used += block.Length;
        Validate(ref b, block, type, offset);
    }

    /// <summary>Empties the batch; a batch grown for one large block goes back to the usual size.</summary>
    public void Reset()
    {
        if (Data.Length > ReadAheadBlockReader.BatchBytes)
        {
            Data = new byte[ReadAheadBlockReader.BatchBytes];
        }

        Count = 0;
        _used = 0;
        End = false;
        Error = null;
    }

    // The checks the consumer would make on an event block, done here on the read-ahead thread.
    private static void Validate(ref PrefetchedBlock b, ReadOnlySpan<byte> block, uint type, long offset)
    {
        var body = block[8..^4];
        try
        {
            if (type == BlockTypes.EventV2)
            {
                b.Layout = EventDecoder.DecodeV2(body, offset);
                b.Validated = true;
                return;
            }

            var format = BlockTypes.Describe(type);
            if (format.Kind == BlockKind.Event)
            {
                b.Layout = EventDecoder.Decode(body, format, offset);
                b.Validated = true;
            }
        }
        catch (ScapFormatException)
        {
            // Left unvalidated: the consumer validates it again when it gets there and reports the error then.
        }
    }
}
