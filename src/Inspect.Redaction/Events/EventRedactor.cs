using System.Buffers.Binary;
using Inspect.Redaction.Matching;
using Inspect.Redaction.Rules;
using Inspect.Scap.Events;
using Inspect.Scap.Model;

namespace Inspect.Redaction.Events;

/// <summary>
/// Redacts encoded scap events (26-byte header, parameter lengths, values) in place, as the probe delivers them and
/// as files store them, and the argument and environment lists of process-table entries. Lengths never change, so
/// the event can be written as it is. I/O payloads are followed per stream (thread, fd, direction): a secret split
/// across two consecutive calls is found with the tail of the first buffer as context (see
/// <see cref="StreamCarry"/>). One instance per capture; not thread-safe.
/// </summary>
public sealed class EventRedactor
{
    /// <summary>Streams whose tails are kept at once; when more appear, all tails are dropped and the table starts over.</summary>
    public const int MaxStreams = 4096;

    private const int HeaderLength = 26;
    private const int MaxThreadsTracked = 65536;

    private static readonly EventPlan[] Plans = Enumerable.Range(0, EventTable.KnownCodeLimit)
        .Select(code => EventPlan.For(EventTable.Get((ushort)code)))
        .ToArray();

    private readonly TextRedactor _text;
    private readonly Dictionary<StreamKey, StreamCarry> _streams = [];
    private readonly Stack<StreamCarry> _spareCarries = new();
    private readonly Dictionary<long, long> _ioFdByThread = [];

    // The last I/O enter event's thread and fd, and the last stream used: an exit nearly always follows its enter on
    // the same thread, and a thread's I/O comes in runs, so these spare a dictionary operation per event.
    private long _fdThread = long.MinValue;
    private long _fd;
    private StreamKey _lastKey = new(long.MinValue, 0, EventCategory.Unknown);
    private StreamCarry? _lastCarry;

    public EventRedactor(RedactionRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        Counts = new RedactionCounts(rules);
        _text = new TextRedactor(rules, Counts);
    }

    public RedactionRuleSet Rules { get; }

    /// <summary>Secrets masked so far, per rule.</summary>
    public RedactionCounts Counts { get; }

    /// <summary>Streams currently carrying a tail.</summary>
    public int TrackedStreams => _streams.Count;

    /// <summary>Masks the secrets of one encoded event in place; returns whether anything was masked.</summary>
    /// <exception cref="InvalidDataException">The event's lengths do not add up.</exception>
    public bool Redact(Span<byte> scapEvent)
    {
        if (scapEvent.Length < HeaderLength)
        {
            throw new InvalidDataException($"event of {scapEvent.Length} bytes is shorter than the {HeaderLength}-byte header");
        }

        var type = BinaryPrimitives.ReadUInt16LittleEndian(scapEvent[20..]);
        var plan = type < Plans.Length ? Plans[type] : EventPlan.Unknown;
        if (plan.IsIdle)
        {
            return false;
        }

        var count = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(scapEvent[22..]), (uint)scapEvent.Length);
        var wide = EventTable.HasLargePayload(type);
        var lengthSize = wide ? 4 : 2;
        var valuesStart = HeaderLength + (count * lengthSize);
        if (valuesStart > scapEvent.Length)
        {
            throw new InvalidDataException($"event type {type} declares {count} parameters, more than its {scapEvent.Length} bytes hold");
        }

        var tid = BinaryPrimitives.ReadInt64LittleEndian(scapEvent[8..]);
        var lengths = scapEvent[HeaderLength..valuesStart];
        var offset = valuesStart;
        var next = 0;
        var masked = false;
        long result = -1;
        for (var i = 0; i < count; i++)
        {
            var length = wide ? (int)BinaryPrimitives.ReadUInt32LittleEndian(lengths[(i * 4)..]) : BinaryPrimitives.ReadUInt16LittleEndian(lengths[(i * 2)..]);
            if (length < 0 || offset + length > scapEvent.Length)
            {
                throw new InvalidDataException($"event type {type}: parameter {i} of {length} bytes runs past the event's {scapEvent.Length} bytes");
            }

            var value = scapEvent.Slice(offset, length);
            offset += length;
            if (i == plan.FdParam && length == 8)
            {
                NoteFd(tid, BinaryPrimitives.ReadInt64LittleEndian(value));
            }
            else if (i == plan.ResultParam && length == 8)
            {
                result = BinaryPrimitives.ReadInt64LittleEndian(value);
            }

            if (plan.ScansAll)
            {
                masked |= _text.Redact(value, carry: null);
                continue;
            }

            if (next < plan.Scanned.Length && plan.Scanned[next] == i)
            {
                next++;
                masked |= i == plan.PayloadParam ? RedactPayload(value, tid, plan.Direction, result) : _text.Redact(value, carry: null);
            }
        }

        return masked;
    }

    /// <summary>The entry with its arguments and environment redacted; the same entry when nothing was masked.</summary>
    public ThreadEntry Redact(ThreadEntry thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        var args = RedactCopy(thread.Args);
        var env = RedactCopy(thread.Env);
        return args is null && env is null ? thread : thread with { Args = args ?? thread.Args, Env = env ?? thread.Env };
    }

    private byte[]? RedactCopy(byte[] list)
    {
        var copy = (byte[])list.Clone();
        return _text.Redact(copy, carry: null) ? copy : null;
    }

    private bool RedactPayload(Span<byte> payload, long tid, EventCategory direction, long result)
    {
        var fd = tid == _fdThread ? _fd : _ioFdByThread.TryGetValue(tid, out var known) ? known : -1;
        var carry = Carry(new StreamKey(tid, fd, direction));
        var masked = _text.Redact(payload, carry);

        // A buffer cut by the snaplen (or a failed call) is not followed by the rest of its data: the next buffer of
        // the stream starts somewhere else, so nothing carries over.
        if (result != payload.Length)
        {
            carry.Reset();
        }

        return masked;
    }

    private StreamCarry Carry(StreamKey key)
    {
        if (_lastCarry is not null && key == _lastKey)
        {
            return _lastCarry;
        }

        if (_streams.TryGetValue(key, out var carry))
        {
            (_lastKey, _lastCarry) = (key, carry);
            return carry;
        }

        if (_streams.Count >= MaxStreams)
        {
            foreach (var old in _streams.Values)
            {
                old.Reset();
                _spareCarries.Push(old);
            }

            _streams.Clear();
            _lastCarry = null;
        }

        carry = _spareCarries.TryPop(out var spare) ? spare : new StreamCarry();
        _streams[key] = carry;
        (_lastKey, _lastCarry) = (key, carry);
        return carry;
    }

    private void NoteFd(long tid, long fd)
    {
        if (tid != _fdThread && _fdThread != long.MinValue)
        {
            // Another thread: the previous one's fd moves to the table, in case its exit comes later.
            if (_ioFdByThread.Count >= MaxThreadsTracked && !_ioFdByThread.ContainsKey(_fdThread))
            {
                _ioFdByThread.Clear();
            }

            _ioFdByThread[_fdThread] = _fd;
        }

        (_fdThread, _fd) = (tid, fd);
    }
}
