using Inspect.Scap.Reading;
using Inspect.Scap.Writing;

namespace Inspect.Scap.Tests;

/// <summary>
/// Reading holds one block at a time (a few fixed batches when reading ahead): memory does not grow with the size of
/// the capture. Runs alone, because with read-ahead it counts the allocations of every thread of the process.
/// </summary>
[Collection(AllocationMeasurementCollection.Name)]
public sealed class BoundedMemoryTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reading_a_large_non_seekable_capture_allocates_a_bounded_amount(bool readAhead)
    {
        const long events = 2_000_000;
        using var source = new GeneratedCaptureStream(events);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var reader = new ScapReader(source, readAhead: readAhead);
        long count = 0, bytes = 0;
        while (reader.Read() is var kind && kind != ScapRecordKind.End)
        {
            if (kind == ScapRecordKind.Event)
            {
                var e = reader.Event;
                count++;
                bytes += e.Param(1).Length;
            }
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(events, count);
        Assert.Equal(events * 64, bytes);
        Assert.True(source.Produced > 200_000_000, $"the generated capture should exceed 200 MB, got {source.Produced}");
        Assert.True(allocated < 8 << 20, $"reading {source.Produced} bytes allocated {allocated} bytes");
    }

    /// <summary>A forward-only stream producing a capture of many identical write-exit events without holding it.</summary>
    private sealed class GeneratedCaptureStream : Stream
    {
        private readonly byte[] _header;
        private readonly byte[] _event;
        private readonly long _events;
        private long _position;

        public GeneratedCaptureStream(long events)
        {
            _events = events;
            using (var header = new MemoryStream())
            {
                using var writer = new ScapWriter(header, leaveOpen: true);
                writer.WriteSectionHeader();
                _header = header.ToArray();
            }

            using var builder = new ScapEventBuilder();
            using var block = new MemoryStream();
            using (var writer = new ScapWriter(block, leaveOpen: true))
            {
                writer.WriteEvent(builder.Begin(9, 1_700_000_000_000_000_000, 42).Int64(64).Bytes(new byte[64]).Build(), 0);
            }

            _event = block.ToArray();
        }

        public long Produced => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var total = _header.Length + (_events * _event.Length);
            var written = 0;
            while (written < buffer.Length && _position < total)
            {
                ReadOnlySpan<byte> source;
                if (_position < _header.Length)
                {
                    source = _header.AsSpan((int)_position);
                }
                else
                {
                    source = _event.AsSpan((int)((_position - _header.Length) % _event.Length));
                }

                var n = Math.Min(source.Length, buffer.Length - written);
                source[..n].CopyTo(buffer[written..]);
                written += n;
                _position += n;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Tests that count the whole process's allocations run alone: tests running beside them would inflate the count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurementCollection
{
    public const string Name = "allocation measurement";
}
