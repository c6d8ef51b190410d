using Inspect.Analysis.Events;
using Inspect.Analysis.Text;
using Inspect.Scap.Events;
using Inspect.Scap.Model;

namespace Inspect.Analysis.State;

public sealed partial class StateEngine
{
    private const long EInProgress = -115;

    private static void AddSocket(ref EventContext ctx, ThreadInfo t, long fd, uint domain, uint type, uint protocol)
    {
        var info = new FdInfo { Type = FdType.Unknown };
        if (domain == SocketText.AfUnix)
        {
            info.Type = FdType.UnixSocket;
        }
        else if (domain is SocketText.AfInet or SocketText.AfInet6)
        {
            info.Type = domain == SocketText.AfInet ? FdType.IPv4Socket : FdType.IPv6Socket;
            info.SourceIp = info.DestIp = new NetAddress(0, 0, domain == SocketText.AfInet6);
            const uint stream = 1, dgram = 2, raw = 3;
            info.L4Proto = protocol switch
            {
                6 => type == raw ? L4Protocol.Raw : L4Protocol.Tcp,
                17 => type == raw ? L4Protocol.Raw : L4Protocol.Udp,
                0 => (type & 0xFF) == stream ? L4Protocol.Tcp : (type & 0xFF) == dgram ? L4Protocol.Udp : L4Protocol.Unknown,
                1 => type == raw ? L4Protocol.Raw : L4Protocol.Icmp,
                255 => L4Protocol.Raw,
                _ => L4Protocol.Unknown,
            };
        }
        else if (domain == 16)
        {
            info.Type = FdType.Netlink;
        }

        if (info.Type == FdType.Unknown)
        {
            return;
        }

        ctx.Fd = t.AddFd(fd, info);
    }

    private static void InferSendToSocket(ref EventContext ctx)
    {
        if (ctx.Fd is not null || ctx.ParsedThread is not { } t || ctx.ParamCount < 3)
        {
            return;
        }

        var fd = ctx.ParamInt64(0);
        var tuple = ctx.Param(2);
        if (fd < 0 || tuple.IsEmpty)
        {
            return;
        }

        if (tuple[0] is SocketText.AfInet or SocketText.AfInet6)
        {
            AddSocket(ref ctx, t, fd, tuple[0], 2, 17);
        }
    }

    private static void ParseSocketExit(ref EventContext ctx)
    {
        var fd = ctx.ParamInt64(0);
        if (fd < 0 || ctx.ParsedThread is not { } t || RetrieveEnter(ref ctx) is not { ParamCount: >= 3 } enter)
        {
            return;
        }

        AddSocket(ref ctx, t, fd, ParamReader.UInt32(enter.Param(0)), ParamReader.UInt32(enter.Param(1)), ParamReader.UInt32(enter.Param(2)));
    }

    private void ParseBindExit(ref EventContext ctx)
    {
        if (ctx.Fd is not { } fd || ctx.ParamCount < 2 || ctx.ParamInt64(0) < 0)
        {
            return;
        }

        var addr = ctx.Param(1);
        if (addr.IsEmpty)
        {
            return;
        }

        if (addr[0] == SocketText.AfInet && addr.Length >= 7)
        {
            var port = SocketText.Port(addr, 5);
            if (port > 0)
            {
                fd.Type = FdType.IPv4ServerSocket;
                fd.SourceIp = NetAddress.V4(addr[1..]);
                fd.SourcePort = port;
                fd.Role = FdRole.Server;
                NoteServerPort(port);
            }
        }
        else if (addr[0] == SocketText.AfInet6 && addr.Length >= 19)
        {
            var port = SocketText.Port(addr, 17);
            if (port > 0)
            {
                var ip = addr.Slice(1, 16);
                if (NetAddress.IsV4Mapped(ip))
                {
                    fd.Type = FdType.IPv4ServerSocket;
                    fd.SourceIp = NetAddress.V4(addr[13..]);
                }
                else
                {
                    fd.Type = FdType.IPv6ServerSocket;
                    fd.SourceIp = NetAddress.V6(ip);
                }

                fd.SourcePort = port;
                fd.Role = FdRole.Server;
            }
        }

        fd.Name = SocketText.Address(addr);
    }

    private static void ParseConnectEnter(ref EventContext ctx)
    {
        if (ctx.Fd is not { } fd || ctx.ParamCount < 2)
        {
            return;
        }

        var addr = ctx.Param(1);
        if (addr.IsEmpty)
        {
            return;
        }

        if (addr[0] == SocketText.AfInet && addr.Length >= 7)
        {
            fd.Type = FdType.IPv4Socket;
            fd.DestIp = NetAddress.V4(addr[1..]);
            fd.DestPort = SocketText.Port(addr, 5);
        }
        else if (addr[0] == SocketText.AfInet6 && addr.Length >= 19)
        {
            var port = SocketText.Port(addr, 17);
            var ip = addr.Slice(1, 16);
            if (NetAddress.IsV4Mapped(ip))
            {
                fd.Type = FdType.IPv4Socket;
                fd.DestIp = NetAddress.V4(addr[13..]);
            }
            else
            {
                fd.Type = FdType.IPv6Socket;
                fd.DestIp = NetAddress.V6(ip);
            }

            fd.DestPort = port;
        }
        else
        {
            fd.Name = SocketText.Address(addr);
            SetUnixInfo(fd, addr);
        }
    }

    private static void ParseConnectExit(ref EventContext ctx)
    {
        if (ctx.Fd is not { } fd || ctx.ParamCount < 1)
        {
            return;
        }

        var res = ctx.ParamInt64(0);
        if (res < 0 && res != EInProgress)
        {
            return;
        }

        fd.Connected = true;
        if (ctx.ParamCount < 2 || ctx.Param(1).IsEmpty)
        {
            return;
        }

        var tuple = ctx.Param(1);
        if (tuple[0] is SocketText.AfInet or SocketText.AfInet6)
        {
            bool changed;
            if (tuple[0] == SocketText.AfInet6 && !(NetAddress.IsV4Mapped(tuple.Slice(1, 16)) && NetAddress.IsV4Mapped(tuple.Slice(19, 16))))
            {
                fd.Type = FdType.IPv6Socket;
                changed = SetAddresses(fd, tuple);
            }
            else
            {
                fd.Type = FdType.IPv4Socket;
                changed = SetAddresses(fd, tuple);
            }

            if (changed && fd.Role == FdRole.Server && fd.L4Proto == L4Protocol.Udp)
            {
                Swap(fd);
            }

            fd.Name = fd.TupleText();
        }
        else
        {
            fd.Name = SocketText.Tuple(tuple);
            SetUnixInfo(fd, tuple);
        }

        if (fd.RoleNone)
        {
            fd.Role = FdRole.Client;
        }
    }

    private static void ParseAcceptExit(ref EventContext ctx)
    {
        if (ctx.ParsedThread is not { } t || ctx.ParamCount < 2)
        {
            return;
        }

        var fdNum = ctx.ParamInt64(0);
        if (fdNum < 0)
        {
            return;
        }

        t.LastEventFd = fdNum;
        var tuple = ctx.Param(1);
        if (tuple.IsEmpty)
        {
            return;
        }

        var info = new FdInfo();
        switch (tuple[0])
        {
            case SocketText.AfInet:
                info.Type = FdType.IPv4Socket;
                SetAddresses(info, tuple);
                info.L4Proto = L4Protocol.Tcp;
                break;
            case SocketText.AfInet6:
                info.Type = NetAddress.IsV4Mapped(tuple.Slice(1, 16)) && NetAddress.IsV4Mapped(tuple.Slice(19, 16)) ? FdType.IPv4Socket : FdType.IPv6Socket;
                SetAddresses(info, tuple);
                info.L4Proto = L4Protocol.Tcp;
                break;
            case SocketText.AfUnix:
                info.Type = FdType.UnixSocket;
                SetUnixInfo(info, tuple);
                break;
            default:
                return;
        }

        info.Name = SocketText.Tuple(tuple);
        info.Role = FdRole.Server;
        info.Connected = true;
        ctx.Fd = t.AddFd(fdNum, info);
    }

    private void ParseReadWriteExit(ref EventContext ctx)
    {
        if (ctx.Fd is not { } fd || ctx.ParamCount < 1 || ctx.ParamInt64(0) < 0)
        {
            return;
        }

        if (fd.IsIpSocket)
        {
            fd.Connected = true;
        }

        var type = ctx.Type;
        var reads = (ctx.Info.Flags & EventFlags.ReadsFromFd) != 0;
        var tcp = fd.IsIpSocket && fd.L4Proto == L4Protocol.Tcp;
        if (reads)
        {
            var tupleParam = type == EventCodes.RecvFromX ? 2 : type == EventCodes.RecvMsgX ? 3 : -1;
            if (tupleParam < 0 || tupleParam >= ctx.ParamCount || !(fd.Name.Length == 0 || !tcp))
            {
                return;
            }

            var tuple = ctx.Param(tupleParam);
            if (UpdateFromTuple(fd, tuple))
            {
                if (fd.IsIpSocket)
                {
                    if (fd.RoleNone)
                    {
                        GuessRole(ctx.ParsedThread!, fd, incoming: true);
                    }

                    if (fd.Role == FdRole.Client)
                    {
                        Swap(fd);
                    }

                    fd.Name = fd.TupleText();
                }
                else
                {
                    fd.Name = SocketText.Tuple(tuple);
                }
            }
        }
        else
        {
            if (type is not (EventCodes.SendToX or EventCodes.SendMsgX) || !(fd.Name.Length == 0 || !tcp))
            {
                return;
            }

            if (RetrieveEnter(ref ctx) is not { ParamCount: >= 3 } enter)
            {
                return;
            }

            var tuple = enter.Param(2);
            if (UpdateFromTuple(fd, tuple))
            {
                if (fd.IsIpSocket)
                {
                    if (fd.RoleNone)
                    {
                        GuessRole(ctx.ParsedThread!, fd, incoming: false);
                    }

                    if (fd.Role == FdRole.Server)
                    {
                        Swap(fd);
                    }

                    fd.Name = fd.TupleText();
                }
                else
                {
                    fd.Name = SocketText.Tuple(tuple);
                }
            }
        }
    }

    private bool UpdateFromTuple(FdInfo fd, ReadOnlySpan<byte> tuple)
    {
        if (tuple.IsEmpty)
        {
            return false;
        }

        switch (tuple[0])
        {
            case SocketText.AfInet:
                fd.Type = FdType.IPv4Socket;
                if (!SetAddresses(fd, tuple))
                {
                    return false;
                }

                break;
            case SocketText.AfInet6:
                if (NetAddress.IsV4Mapped(tuple.Slice(1, 16)) && NetAddress.IsV4Mapped(tuple.Slice(19, 16)))
                {
                    fd.Type = FdType.IPv4Socket;
                }

                if (!SetAddresses(fd, tuple))
                {
                    return false;
                }

                break;
            case SocketText.AfUnix:
                fd.Type = FdType.UnixSocket;
                SetUnixInfo(fd, tuple);
                fd.Name = tuple.Length > 17 ? CText.CString(tuple[17..]) : "";
                return true;
            default:
                return true;
        }

        if (fd.IsIpSocket && fd.L4Proto == L4Protocol.Unknown)
        {
            fd.L4Proto = L4Protocol.Udp;
        }

        Interfaces.CompleteAddresses(fd);
        return true;
    }

    /// <summary>Sets the tuple's addresses on the fd; false when the fd already had exactly this connection.</summary>
    private static bool SetAddresses(FdInfo fd, ReadOnlySpan<byte> tuple)
    {
        NetAddress sip, dip;
        ushort sport, dport;
        if (tuple[0] == SocketText.AfInet)
        {
            if (tuple.Length < 13)
            {
                return false;
            }

            sip = NetAddress.V4(tuple[1..]);
            sport = SocketText.Port(tuple, 5);
            dip = NetAddress.V4(tuple[7..]);
            dport = SocketText.Port(tuple, 11);
        }
        else
        {
            if (tuple.Length < 37)
            {
                return false;
            }

            if (fd.Type == FdType.IPv4Socket)
            {
                sip = NetAddress.V4(tuple[13..]);
                dip = NetAddress.V4(tuple[31..]);
            }
            else
            {
                sip = NetAddress.V6(tuple.Slice(1, 16));
                dip = NetAddress.V6(tuple.Slice(19, 16));
            }

            sport = SocketText.Port(tuple, 17);
            dport = SocketText.Port(tuple, 35);
        }

        if ((sip == fd.SourceIp && sport == fd.SourcePort && dip == fd.DestIp && dport == fd.DestPort) ||
            (dip == fd.SourceIp && dport == fd.SourcePort && sip == fd.DestIp && sport == fd.DestPort))
        {
            return false;
        }

        var changed = false;
        if (fd.SourceIp != sip)
        {
            fd.SourceIp = sip;
            changed = true;
        }

        if (fd.SourcePort != sport)
        {
            fd.SourcePort = sport;
            changed = true;
        }

        if (fd.DestIp.IsZero)
        {
            fd.DestIp = dip;
            changed = true;
        }

        if (fd.DestPort == 0)
        {
            fd.DestPort = dport;
            changed = true;
        }

        return changed;
    }

    private static void SetUnixInfo(FdInfo fd, ReadOnlySpan<byte> data)
    {
        fd.UnixSource = data.Length >= 9 ? ParamReader.UInt64(data.Slice(1, 8)) : 0;
        fd.UnixDest = data.Length >= 17 ? ParamReader.UInt64(data.Slice(9, 8)) : 0;
    }

    private static void Swap(FdInfo fd)
    {
        (fd.SourceIp, fd.DestIp) = (fd.DestIp, fd.SourceIp);
        (fd.SourcePort, fd.DestPort) = (fd.DestPort, fd.SourcePort);
    }

    // The owner of a port it is bound to is the server; when it also uses the other port as a client, guess by direction.
    private static void GuessRole(ThreadInfo t, FdInfo fd, bool incoming)
    {
        var table = t.FdTable;
        var bound = false;
        var client = false;
        if (table is not null)
        {
            foreach (var other in table.Values)
            {
                if ((other.Type == FdType.IPv4Socket && other.DestPort == fd.DestPort) ||
                    (other.Type == FdType.IPv4ServerSocket && other.SourcePort == fd.DestPort))
                {
                    bound = true;
                }

                if (other.Type == FdType.IPv4Socket && other.SourcePort == fd.SourcePort)
                {
                    client = true;
                }
            }
        }

        if (!bound)
        {
            fd.Role = FdRole.Client;
        }
        else if (!client)
        {
            fd.Role = FdRole.Server;
        }
        else if (fd.RoleNone)
        {
            fd.Role = incoming ? FdRole.Server : FdRole.Client;
        }
    }
}
