using System.IO.MemoryMappedFiles;

namespace Inspect.Scap.Reading;

/// <summary>
/// Read-only spans over a regular file through a sliding memory-mapped window, so plain captures are parsed in place
/// without copying them through a buffer. Only one window (at least <see cref="WindowSize"/> bytes) is mapped at a
/// time, which keeps the mapped, resident part of a file of any size bounded.
/// </summary>
internal sealed unsafe class MappedFileWindow : IDisposable
{
    // Touched pages of the window count in the process's RSS until it is unmapped: 8 MiB keeps that small, and the
    // ~140 remaps of a 1 GB file cost nothing measurable next to 64 MiB windows (which added ~64 MiB of RSS).
    public const long WindowSize = 8L << 20;

    private readonly MemoryMappedFile _file;
    private MemoryMappedViewAccessor? _view;
    private byte* _pointer;
    private long _windowStart;
    private long _windowLength;

    public MappedFileWindow(FileStream stream)
    {
        Length = stream.Length;
        _file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
    }

    public long Length { get; }

    /// <summary>The bytes [offset, offset + length), which must lie inside the file.</summary>
    public ReadOnlySpan<byte> Get(long offset, int length) => new(Pointer(offset, length), length);

    /// <summary>
    /// The bytes [offset, offset + length) for a reader moving backwards: a new window ends at them rather than
    /// starting at them, so the blocks before them are mapped too.
    /// </summary>
    public ReadOnlySpan<byte> GetBackwards(long offset, int length)
    {
        if (offset < _windowStart || offset + length > _windowStart + _windowLength)
        {
            var end = offset + length;
            var start = Math.Max(0, end - Math.Max(WindowSize, length));
            Map(start, (int)(end - start));
        }

        return new(_pointer + (offset - _windowStart), length);
    }

    /// <summary>A pointer to the bytes [offset, offset + length), valid until the window moves.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public byte* Pointer(long offset, int length)
    {
        if (!Contains(offset, length))
        {
            Map(offset, length);
        }

        return _pointer + (offset - _windowStart);
    }

    /// <summary>The bytes [offset, offset + length) are inside the current window.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool Contains(long offset, int length) => offset >= _windowStart && offset + length <= _windowStart + _windowLength;

    public void Dispose()
    {
        Unmap();
        _file.Dispose();
    }

    private void Map(long offset, int length)
    {
        Unmap();
        var size = Math.Min(Math.Max(WindowSize, length), Length - offset);
        _view = _file.CreateViewAccessor(offset, size, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);

        // The view starts at an allocation boundary at or before `offset`; PointerOffset says how far before.
        _pointer = pointer + _view.PointerOffset;
        _windowStart = offset;
        _windowLength = size;
    }

    private void Unmap()
    {
        if (_view is null)
        {
            return;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _view = null;
        _pointer = null;
        _windowLength = 0;
    }
}
