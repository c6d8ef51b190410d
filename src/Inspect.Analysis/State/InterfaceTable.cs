using Inspect.Scap.Model;

namespace Inspect.Analysis.State;

/// <summary>The machine's interface addresses, which tell local endpoints from remote ones.</summary>
public sealed class InterfaceTable
{
    private const uint Loopback = 0x7F000001;
    private static readonly NetAddress LoopbackV6 = new(0, 1, true);
    private readonly List<(NetAddress Address, NetAddress Netmask)> _v4 = [];
    private readonly List<NetAddress> _v6 = [];

    public void Load(IReadOnlyList<InterfaceEntry> entries)
    {
        foreach (var e in entries)
        {
            var address = NetAddress.From(e.Address);
            if (address.IsV6)
            {
                _v6.Add(address);
            }
            else
            {
                _v4.Add((address, NetAddress.From(e.Netmask)));
            }
        }
    }

    internal void Clear()
    {
        _v4.Clear();
        _v6.Clear();
    }

    /// <summary>Whether the address belongs to this machine (or, inside a container, to that container).</summary>
    public bool IsLocal(NetAddress address, ThreadInfo thread, ContainerResolver containers)
    {
        if (!address.IsV6)
        {
            // Inside a known container, its own address (or, when unknown, any container's) counts as local.
            if (thread.ContainerId.Length != 0 && containers.Find(thread.ContainerId) is { } info)
            {
                if (info.Ip != 0 ? info.Ip == address.V4Value : containers.Containers.Values.Any(c => c.Ip == address.V4Value))
                {
                    return true;
                }
            }

            foreach (var (a, _) in _v4)
            {
                if (a.V4Value == address.V4Value)
                {
                    return true;
                }
            }

            return false;
        }

        if (thread.ContainerId.Length != 0)
        {
            return false;
        }

        foreach (var a in _v6)
        {
            if (a.High == address.High)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Fills in a missing local address of a UDP-style socket from the interface list.</summary>
    internal void CompleteAddresses(FdInfo fd)
    {
        if (!fd.IsIpSocket)
        {
            return;
        }

        if (!fd.SourceIp.IsZero && !fd.DestIp.IsZero)
        {
            return;
        }

        if (fd.SourceIp.IsZero)
        {
            var inferred = Infer(fd.DestIp);
            if (inferred == fd.DestIp && fd.SourcePort == fd.DestPort)
            {
                return;
            }

            fd.SourceIp = inferred;
        }
        else
        {
            var inferred = Infer(fd.SourceIp);
            if (inferred == fd.SourceIp && fd.SourcePort == fd.DestPort)
            {
                return;
            }

            fd.DestIp = inferred;
        }
    }

    private NetAddress Infer(NetAddress destination)
    {
        if (!destination.IsV6)
        {
            foreach (var (a, _) in _v4)
            {
                if (a.V4Value == destination.V4Value)
                {
                    return a;
                }
            }

            foreach (var (a, m) in _v4)
            {
                if ((a.V4Value & m.V4Value) == (destination.V4Value & m.V4Value))
                {
                    return a;
                }
            }

            foreach (var (a, _) in _v4)
            {
                if (a.V4Value != Loopback)
                {
                    return a;
                }
            }

            return NetAddress.AnyV4;
        }

        foreach (var a in _v6)
        {
            if (a == destination)
            {
                return a;
            }
        }

        foreach (var a in _v6)
        {
            if (a.High == destination.High)
            {
                return a;
            }
        }

        foreach (var a in _v6)
        {
            if (a != LoopbackV6)
            {
                return a;
            }
        }

        return new NetAddress(0, 0, true);
    }
}
