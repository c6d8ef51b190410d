using Inspect.Scap.Events;

namespace Inspect.Analysis.State;

/// <summary>Event type codes the state engine and fields treat specially (the driver's PPME_* values, sysdig 0.29 table).</summary>
internal static class EventCodes
{
    public const ushort GenericE = 0;
    public const ushort GenericX = 1;
    public const ushort OpenE = 2;
    public const ushort OpenX = 3;
    public const ushort CloseE = 4;
    public const ushort CloseX = 5;
    public const ushort ReadX = 7;
    public const ushort WriteE = 8;
    public const ushort WriteX = 9;
    public const ushort SocketE = 18;
    public const ushort SocketX = 19;
    public const ushort BindX = 21;
    public const ushort ConnectE = 22;
    public const ushort ConnectX = 23;
    public const ushort AcceptX = 27;
    public const ushort SendX = 29;
    public const ushort SendToE = 30;
    public const ushort SendToX = 31;
    public const ushort RecvX = 33;
    public const ushort RecvFromX = 35;
    public const ushort SocketPairX = 43;
    public const ushort SendMsgE = 48;
    public const ushort SendMsgX = 49;
    public const ushort RecvMsgX = 53;
    public const ushort Accept4X = 57;
    public const ushort CreatE = 58;
    public const ushort CreatX = 59;
    public const ushort PipeX = 61;
    public const ushort EventFdX = 63;
    public const ushort ChdirX = 95;
    public const ushort FchdirX = 97;
    public const ushort OpenAtE = 102;
    public const ushort OpenAtX = 103;
    public const ushort PreadX = 113;
    public const ushort PwriteX = 115;
    public const ushort ReadvX = 117;
    public const ushort WritevX = 119;
    public const ushort PreadvX = 121;
    public const ushort PwritevX = 123;
    public const ushort DupX = 125;
    public const ushort SignalFdX = 127;
    public const ushort TimerFdCreateX = 137;
    public const ushort InotifyInitX = 139;
    public const ushort SwitchOld = 146;
    public const ushort FcntlE = 150;
    public const ushort FcntlX = 151;
    public const ushort Switch = 152;
    public const ushort BrkX = 159;
    public const ushort MmapX = 161;
    public const ushort Mmap2X = 163;
    public const ushort MunmapX = 165;
    public const ushort ProcExitOld = 16;
    public const ushort ProcExit = 186;
    public const ushort SetResUidE = 192;
    public const ushort SetResUidX = 193;
    public const ushort SetResGidE = 194;
    public const ushort SetResGidX = 195;
    public const ushort SetUidE = 198;
    public const ushort SetUidX = 199;
    public const ushort SetGidE = 200;
    public const ushort SetGidX = 201;
    public const ushort ProcInfo = EventTable.ProcInfo;
    public const ushort Accept5X = 247;
    public const ushort Accept45X = 249;
    public const ushort ChrootX = 267;
    public const ushort ContainerJson = 272;
    public const ushort SetSidX = 275;
    public const ushort Execve18E = 288;
    public const ushort Execve19E = 292;
    public const ushort Execve19X = 293;
    public const ushort OpenAt2E = 306;
    public const ushort OpenAt2X = 307;
    public const ushort ContainerJson2 = EventTable.ContainerJson2;
    public const ushort OpenAt2NewE = 326;
    public const ushort OpenAt2NewX = 327;
    public const ushort ExecveAtE = 330;
    public const ushort ExecveAtX = 331;
    public const ushort CopyFileRangeX = 333;

    public static bool IsCloneExit(ushort t) => t is 15 or 157 or 217 or 223 or 183 or 219 or 225 or 185 or 221 or 227 or 335;

    public static bool IsExecveExit(ushort t) => t is 13 or 155 or 173 or 215 or 231 or 283 or 289 or 293 or 331;

    public static bool IsOpenExit(ushort t) => t is OpenX or CreatX or OpenAtX or OpenAt2X or OpenAt2NewX;

    public static bool IsAcceptExit(ushort t) => t is AcceptX or Accept5X or Accept4X or Accept45X;

    public static bool IsContainer(ushort t) => t is ContainerJson or ContainerJson2;

    public static bool IsReadWriteExit(ushort t) =>
        t is ReadX or WriteX or RecvX or SendX or RecvFromX or RecvMsgX or SendToX or SendMsgX or ReadvX or WritevX or PreadX or PwriteX or PreadvX or PwritevX;
}
