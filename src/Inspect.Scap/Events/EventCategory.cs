namespace Inspect.Scap.Events;

/// <summary>Event category (the driver's EC_* values). The I/O values share bit 5, wait is bit 6, scheduler bit 7, internal bit 8.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1069:Enums values should not be duplicated", Justification = "IoBase is the mask the driver defines alongside IoRead.")]
public enum EventCategory : ushort
{
    Unknown = 0,
    Other = 1,
    File = 2,
    Net = 3,
    Ipc = 4,
    Memory = 5,
    Process = 6,
    Sleep = 7,
    System = 8,
    Signal = 9,
    User = 10,
    Time = 11,
    Processing = 12,
    IoBase = 32,
    IoRead = 32,
    IoWrite = 33,
    IoOther = 34,
    Wait = 64,
    Scheduler = 128,
    Internal = 256,
}

/// <summary>Event flags (the driver's EF_* bits).</summary>
[Flags]
public enum EventFlags : uint
{
    None = 0,
    CreatesFd = 1 << 0,
    DestroysFd = 1 << 1,
    UsesFd = 1 << 2,
    ReadsFromFd = 1 << 3,
    WritesToFd = 1 << 4,
    ModifiesState = 1 << 5,
    Unused = 1 << 6,
    Waits = 1 << 7,
    SkipParseReset = 1 << 8,
    OldVersion = 1 << 9,
    DropSimpleConsumer = 1 << 10,
    LargePayload = 1 << 11,
}
