namespace Inspect.Agent.Snapshot;

/// <summary>Translates Linux open(2) flags (as /proc/PID/fdinfo shows them, octal) into the driver's PPM_O_* bits of FILE_V2 fd entries.</summary>
public static class OpenFlags
{
    private const uint PpmRead = 1 << 0;
    private const uint PpmWrite = 1 << 1;

    private static readonly (uint Linux, uint Ppm)[] Bits =
    [
        (0x40, 1 << 2),      // O_CREAT
        (0x400, 1 << 3),     // O_APPEND
        (0x1000, 1 << 4),    // O_DSYNC
        (0x80, 1 << 5),      // O_EXCL
        (0x800, 1 << 6),     // O_NONBLOCK
        (0x101000, 1 << 7),  // O_SYNC (includes O_DSYNC)
        (0x200, 1 << 8),     // O_TRUNC
        (0x4000, 1 << 9),    // O_DIRECT
        (0x10000, 1 << 10),  // O_DIRECTORY
        (0x8000, 1 << 11),   // O_LARGEFILE
        (0x80000, 1 << 12),  // O_CLOEXEC
    ];

    public static uint ToPpm(uint linuxFlags)
    {
        var ppm = (linuxFlags & 3) switch
        {
            0 => PpmRead,
            1 => PpmWrite,
            _ => PpmRead | PpmWrite,
        };
        foreach (var (linux, bit) in Bits)
        {
            if ((linuxFlags & linux) == linux)
            {
                ppm |= bit;
            }
        }

        return ppm;
    }
}
