using Inspect.Scap.Events;

namespace Inspect.Analysis.State;

/// <summary>What <see cref="StateEngine.Parse"/> does with an event type (sysdig's parser for it, if any).</summary>
internal enum ParseStep : byte
{
    None,
    StoreEnter,
    SendToEnter,
    FcntlEnter,
    ConnectEnter,
    CloseEnter,
    CloseExit,
    SocketExit,
    BindExit,
    ConnectExit,
    PipeExit,
    SocketPairExit,
    DupExit,
    FcntlExit,
    EventFdExit,
    SignalFdExit,
    TimerFdExit,
    InotifyExit,
    ChdirExit,
    FchdirExit,
    ProcExit,
    Switch,
    MemoryExit,
    SetIdExit,
    ChrootExit,
    SetSidExit,
    ContainerJson,
    ReadWriteExit,
    OpenExit,
    AcceptExit,
    CloneExit,
    ExecveExit,
}

/// <summary>
/// The parse step of every event type, classified once: the engine then dispatches each event with one table load
/// instead of walking a chain of type comparisons, which most events (context switches, plain enters) fall through.
/// </summary>
internal static class ParseSteps
{
    private static readonly ParseStep[] ByType = Build();

    public static ParseStep For(ushort type) => type < ByType.Length ? ByType[type] : ParseStep.None;

    private static ParseStep[] Build()
    {
        var table = new ParseStep[EventTable.KnownCodeLimit];
        for (var t = 0; t < table.Length; t++)
        {
            table[t] = Classify((ushort)t);
        }

        return table;
    }

    private static ParseStep Classify(ushort type) => type switch
    {
        EventCodes.SendToE => ParseStep.SendToEnter,
        EventCodes.OpenE or EventCodes.CreatE or EventCodes.OpenAtE or EventCodes.OpenAt2E or EventCodes.OpenAt2NewE
            or EventCodes.SocketE or 62 or 94 or 96 or 36 or 140 or 142 or 144 or EventCodes.SendMsgE or 188
            or EventCodes.SetResUidE or EventCodes.SetResGidE or EventCodes.SetUidE or EventCodes.SetGidE
            or EventCodes.Execve18E or EventCodes.Execve19E or EventCodes.ExecveAtE or 294 => ParseStep.StoreEnter,
        EventCodes.FcntlE => ParseStep.FcntlEnter,
        EventCodes.ConnectE => ParseStep.ConnectEnter,
        EventCodes.CloseE => ParseStep.CloseEnter,
        EventCodes.CloseX => ParseStep.CloseExit,
        EventCodes.SocketX => ParseStep.SocketExit,
        EventCodes.BindX => ParseStep.BindExit,
        EventCodes.ConnectX => ParseStep.ConnectExit,
        EventCodes.PipeX => ParseStep.PipeExit,
        EventCodes.SocketPairX => ParseStep.SocketPairExit,
        EventCodes.DupX => ParseStep.DupExit,
        EventCodes.FcntlX => ParseStep.FcntlExit,
        EventCodes.EventFdX => ParseStep.EventFdExit,
        EventCodes.SignalFdX => ParseStep.SignalFdExit,
        EventCodes.TimerFdCreateX => ParseStep.TimerFdExit,
        EventCodes.InotifyInitX => ParseStep.InotifyExit,
        EventCodes.ChdirX => ParseStep.ChdirExit,
        EventCodes.FchdirX => ParseStep.FchdirExit,
        EventCodes.ProcExit or EventCodes.ProcExitOld => ParseStep.ProcExit,
        EventCodes.Switch => ParseStep.Switch,
        EventCodes.BrkX or EventCodes.MmapX or EventCodes.Mmap2X or EventCodes.MunmapX => ParseStep.MemoryExit,
        EventCodes.SetUidX or EventCodes.SetGidX or EventCodes.SetResUidX or EventCodes.SetResGidX => ParseStep.SetIdExit,
        EventCodes.ChrootX => ParseStep.ChrootExit,
        EventCodes.SetSidX => ParseStep.SetSidExit,
        EventCodes.ContainerJson or EventCodes.ContainerJson2 => ParseStep.ContainerJson,
        _ when EventCodes.IsReadWriteExit(type) => ParseStep.ReadWriteExit,
        _ when EventCodes.IsOpenExit(type) => ParseStep.OpenExit,
        _ when EventCodes.IsAcceptExit(type) => ParseStep.AcceptExit,
        _ when EventCodes.IsCloneExit(type) => ParseStep.CloneExit,
        _ when EventCodes.IsExecveExit(type) => ParseStep.ExecveExit,
        _ => ParseStep.None,
    };
}
