using System.Collections.Concurrent;

namespace Inspect.Storage.Upload;

/// <summary>Part-sized buffers, reused so a long capture allocates a handful of them in all.</summary>
internal sealed class PartBufferPool(int partSize)
{
    private readonly ConcurrentBag<byte[]> _free = [];

    public byte[] Rent() => _free.TryTake(out var buffer) ? buffer : new byte[partSize];

    public void Return(byte[] buffer) => _free.Add(buffer);
}
