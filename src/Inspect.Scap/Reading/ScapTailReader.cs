using System.Buffers.Binary;
using Inspect.Scap.Format;

namespace Inspect.Scap.Reading;

/// <summary>
/// Walks the blocks of a plain capture file backwards from its end, following each block's trailer (which repeats its
/// total length), so the last events of a file of any size can be read without reading the rest of it. Only blocks
/// whose header agrees with their trailer are accepted: when anything does not add up (a truncated or corrupt end, a
/// compressed or encrypted file), <see cref="MovePrevious"/> stops and <see cref="IsConsistent"/> turns false, and
/// the caller reads the file forwards instead, where every error is reported with its offset.
/// </summary>
public sealed class ScapTailReader : IDisposable
{
    private const int HeaderLength = 8;
    private const int TrailerLength = 4;

    private readonly MappedFileWindow _file;
    private long _blockOffset;
    private int _blockLength;
    private BlockFormat _format;
    private EventLayout _event;

    private ScapTailReader(MappedFileWindow file)
    {
        _file = file;
        _blockOffset = file.Length;
    }

    /// <summary>False once a block's trailer, header or event did not add up; no further blocks are read then.</summary>
    public bool IsConsistent { get; private set; } = true;

    /// <summary>Offset of the current block.</summary>
    public long RecordOffset => _blockOffset;

    /// <summary>The current block is an event block (its event is then validated).</summary>
    public bool IsEvent => _format.Kind == BlockKind.Event;

    /// <summary>The current event; valid until the next <see cref="MovePrevious"/>.</summary>
    public ScapEvent Event => IsEvent
        ? _event.View(_file.GetBackwards(_blockOffset + HeaderLength, _blockLength - HeaderLength - TrailerLength), _blockOffset)
        : throw new InvalidOperationException("the current block is not an event");

    /// <summary>
    /// Opens a plain (uncompressed, unencrypted) capture file for reading backwards; null for anything else, which
    /// can only be read forwards.
    /// </summary>
    public static ScapTailReader? TryOpen(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.RandomAccess);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            if (file.Length < HeaderLength + TrailerLength || file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4
                || BinaryPrimitives.ReadUInt32LittleEndian(magic) != BlockTypes.SectionHeader)
            {
                file.Dispose();
                return null;
            }

            return new ScapTailReader(new MappedFileWindow(file));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Moves to the block before the current one, if it starts after <paramref name="stopBefore"/>. Returns false at
    /// that point, at the start of the file, or when the block does not add up (then <see cref="IsConsistent"/> is false).
    /// </summary>
    public bool MovePrevious(long stopBefore = -1)
    {
        if (!IsConsistent || _blockOffset < TrailerLength)
        {
            return false;
        }

        var trailer = BinaryPrimitives.ReadUInt32LittleEndian(_file.GetBackwards(_blockOffset - TrailerLength, TrailerLength));
        var start = _blockOffset - trailer;
        if (trailer < HeaderLength + TrailerLength || trailer > ScapBlockReader.MaxBlockLength || start < 0)
        {
            return Inconsistent();
        }

        if (start <= stopBefore)
        {
            return false;
        }

        var block = _file.GetBackwards(start, (int)trailer);
        if (BinaryPrimitives.ReadUInt32LittleEndian(block[4..]) != trailer)
        {
            return Inconsistent();
        }

        _blockOffset = start;
        _blockLength = (int)trailer;
        _format = BlockTypes.Describe(BinaryPrimitives.ReadUInt32LittleEndian(block));
        if (_format.Kind == BlockKind.Event)
        {
            try
            {
                _event = EventDecoder.Decode(block[HeaderLength..^TrailerLength], _format, start);
            }
            catch (ScapFormatException)
            {
                return Inconsistent();
            }
        }

        return true;
    }

    public void Dispose() => _file.Dispose();

    private bool Inconsistent()
    {
        IsConsistent = false;
        return false;
    }
}
