namespace Inspect.Agent.Capture;

/// <summary>Bytes an EV_V2 block takes in the file, so the byte limit can be checked before an event is written.</summary>
public static class ScapBlockSize
{
    // Block type and length (8), cpu id (2), the event padded to 4, then the trailing length (4).
    public static long OfEvent(int eventLength) => 8 + ((2 + eventLength + 3) & ~3) + 4;
}
