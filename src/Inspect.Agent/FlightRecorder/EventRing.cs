using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Inspect.Agent.FlightRecorder;

/// <summary>
/// The flight recorder's memory: encoded scap events in fixed-size chunks, oldest chunk first. Appending never
/// allocates once the chunks exist (evicted chunks are reused); whole chunks are evicted when the ring holds more than
/// its byte budget or when everything in the oldest chunk is older than the time window. Each chunk also keeps what
/// redaction masked in its events (<see cref="NoteMasked"/>), so those counts leave with the events and a recording
/// can say exactly what the events it holds had masked. Not thread-safe: the capture thread alone appends and reads.
/// </summary>
internal sealed class EventRing
{
    // Per event: length (int32), cpu (uint16), two bytes of padding, then the event (which starts with its timestamp).
    private const int RecordHeader = 8;

    private readonly int _chunkBytes;
    private readonly int _maxChunks;
    private readonly ulong _windowNs;
    private readonly LinkedList<Chunk> _chunks = new();
    private readonly Stack<Chunk> _spare = new();

    public EventRing(long maxBytes, TimeSpan window, int chunkBytes = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 64 * 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, (long)chunkBytes * 2);
        _chunkBytes = chunkBytes;
        _maxChunks = (int)Math.Min(int.MaxValue, maxBytes / chunkBytes);
        _windowNs = (ulong)window.Ticks * 100;
    }

    /// <summary>Bytes the ring may hold.</summary>
    public long CapacityBytes => (long)_maxChunks * _chunkBytes;

    /// <summary>Bytes of memory the chunks take now (live and spare).</summary>
    public long AllocatedBytes => (long)(_chunks.Count + _spare.Count) * _chunkBytes;

    /// <summary>Events held.</summary>
    public long Events { get; private set; }

    /// <summary>Events evicted because the byte budget was full before they left the time window.</summary>
    public long EvictedEarly { get; private set; }

    /// <summary>The timestamp of the oldest event held, or null when empty.</summary>
    public ulong? OldestNs => _chunks.First is { } first && first.Value.Count > 0 ? first.Value.MinNs : null;

    /// <summary>The timestamp of the newest event held, or null when empty.</summary>
    public ulong? NewestNs => _chunks.Last is { } last && last.Value.Count > 0 ? last.Value.MaxNs : null;

    /// <summary>Keeps a copy of <paramref name="scapEvent"/>; events larger than a chunk are refused (returns false).</summary>
    public bool Append(ReadOnlySpan<byte> scapEvent, ushort cpu)
    {
        var size = RecordHeader + scapEvent.Length;
        if (size > _chunkBytes || scapEvent.Length < 8)
        {
            return false;
        }

        var timestamp = BinaryPrimitives.ReadUInt64LittleEndian(scapEvent);
        var chunk = _chunks.Last?.Value;
        if (chunk is null || chunk.Used + size > _chunkBytes)
        {
            chunk = NewChunk();
        }

        var target = chunk.Buffer.AsSpan(chunk.Used, size);
        BinaryPrimitives.WriteInt32LittleEndian(target, scapEvent.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(target[4..], cpu);
        scapEvent.CopyTo(target[RecordHeader..]);
        // Per-CPU rings interleave, so timestamps are only nearly ordered: keep each chunk's range.
        chunk.MinNs = chunk.Count == 0 ? timestamp : Math.Min(chunk.MinNs, timestamp);
        chunk.MaxNs = Math.Max(chunk.MaxNs, timestamp);
        chunk.LastOffset = chunk.Used;
        chunk.Used += size;
        chunk.Count++;
        Events++;
        ExpireOlderThan(timestamp > _windowNs ? timestamp - _windowNs : 0);
        return true;
    }

    /// <summary>Records that redaction masked <paramref name="count"/> secrets of rule <paramref name="rule"/> in the
    /// event appended last (the caller appends the event as redacted and then says what the redaction masked).</summary>
    public void NoteMasked(int rule, long count)
    {
        if (_chunks.Last?.Value is { Count: > 0 } chunk)
        {
            chunk.Masks.Add(new MaskedCount(chunk.LastOffset, rule, count));
        }
    }

    /// <summary>Calls <paramref name="visit"/> for every event with a timestamp in [<paramref name="fromNs"/>, <paramref name="toNs"/>], oldest chunk first.</summary>
    public long ForEach(ulong fromNs, ulong toNs, EventVisitor visit)
    {
        long visited = 0;
        foreach (var chunk in _chunks)
        {
            if (chunk.Count == 0 || chunk.MaxNs < fromNs || chunk.MinNs > toNs)
            {
                continue;
            }

            // The chunk's masks are in the order of its events: walk them alongside.
            var masks = CollectionsMarshal.AsSpan(chunk.Masks);
            var nextMask = 0;
            var offset = 0;
            while (offset < chunk.Used)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(chunk.Buffer.AsSpan(offset));
                var cpu = BinaryPrimitives.ReadUInt16LittleEndian(chunk.Buffer.AsSpan(offset + 4));
                var scapEvent = chunk.Buffer.AsSpan(offset + RecordHeader, length);
                var timestamp = BinaryPrimitives.ReadUInt64LittleEndian(scapEvent);
                var firstMask = nextMask;
                while (nextMask < masks.Length && masks[nextMask].Offset == offset)
                {
                    nextMask++;
                }

                if (timestamp >= fromNs && timestamp <= toNs)
                {
                    visit(scapEvent, cpu, masks[firstMask..nextMask]);
                    visited++;
                }

                offset += RecordHeader + length;
            }
        }

        return visited;
    }

    private Chunk NewChunk()
    {
        if (_chunks.Count >= _maxChunks)
        {
            // Over budget: the oldest chunk goes although it is still inside the window.
            EvictedEarly += _chunks.First!.Value.Count;
            Evict();
        }

        var chunk = _spare.Count > 0 ? _spare.Pop() : new Chunk(new byte[_chunkBytes]);
        chunk.Reset();
        _chunks.AddLast(chunk);
        return chunk;
    }

    private void ExpireOlderThan(ulong cutoffNs)
    {
        // The newest chunk stays even when old: it is being filled.
        while (_chunks.Count > 1 && _chunks.First!.Value.MaxNs < cutoffNs)
        {
            Evict();
        }
    }

    private void Evict()
    {
        var oldest = _chunks.First!.Value;
        _chunks.RemoveFirst();
        Events -= oldest.Count;

        // Keep one spare so a steady stream reuses memory instead of allocating a chunk per eviction.
        if (_spare.Count == 0)
        {
            _spare.Push(oldest);
        }
    }

    private sealed class Chunk(byte[] buffer)
    {
        public byte[] Buffer { get; } = buffer;

        public int Used { get; set; }

        public int Count { get; set; }

        public ulong MinNs { get; set; }

        public ulong MaxNs { get; set; }

        /// <summary>Where the newest event starts.</summary>
        public int LastOffset { get; set; }

        /// <summary>What redaction masked in this chunk's events, in their order; most events mask nothing.</summary>
        public List<MaskedCount> Masks { get; } = [];

        public void Reset()
        {
            Masks.Clear();
            LastOffset = 0;
            Used = 0;
            Count = 0;
            MinNs = 0;
            MaxNs = 0;
        }
    }
}

/// <summary>Receives one event held by an <see cref="EventRing"/>, with what redaction masked in it (usually nothing).</summary>
internal delegate void EventVisitor(ReadOnlySpan<byte> scapEvent, ushort cpu, ReadOnlySpan<MaskedCount> masked);

/// <summary>Secrets of one rule (its index in the rule set) masked in the event at <paramref name="Offset"/> of a chunk.</summary>
internal readonly record struct MaskedCount(int Offset, int Rule, long Count);
