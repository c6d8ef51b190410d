using System.Buffers.Binary;

namespace Inspect.Agent.Capture;

/// <summary>
/// Finds the cgroups parameter of the events that (re)define a thread (clone, fork, vfork, clone3, execve and
/// execveat exits): where a container that appears during a capture first shows up. Runs on every event, so it reads
/// the type and bails out before touching anything else.
/// </summary>
public static class ProcessEventCgroups
{
    // Parameter 14 of every one of these exits (scap-format.md §3).
    private const int CgroupsParam = 14;
    private const int HeaderLength = 26;
    private const int TypeOffset = 20;
    private const int ParamCountOffset = 22;

    /// <summary>The cgroups parameter (NUL-terminated <c>subsys=path</c> strings) of a thread-defining event.</summary>
    public static bool TryGet(ReadOnlySpan<byte> scapEvent, out ReadOnlySpan<byte> cgroups)
    {
        cgroups = default;
        if (scapEvent.Length < HeaderLength || !DefinesThread(BinaryPrimitives.ReadUInt16LittleEndian(scapEvent[TypeOffset..])))
        {
            return false;
        }

        var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(scapEvent[ParamCountOffset..]);
        var lengths = HeaderLength;
        if (count <= CgroupsParam || lengths + (2 * count) > scapEvent.Length)
        {
            return false;
        }

        var offset = lengths + (2 * count);
        for (var i = 0; i < CgroupsParam; i++)
        {
            offset += BinaryPrimitives.ReadUInt16LittleEndian(scapEvent[(lengths + (2 * i))..]);
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(scapEvent[(lengths + (2 * CgroupsParam))..]);
        if (offset + length > scapEvent.Length)
        {
            return false;
        }

        cgroups = scapEvent.Slice(offset, length);
        return true;
    }

    // CLONE_20_X, FORK_20_X, VFORK_20_X, EXECVE_19_X, EXECVEAT_X, CLONE3_X: all with u16 lengths.
    private static bool DefinesThread(ushort type) => type is 223 or 225 or 227 or 293 or 331 or 335;
}
