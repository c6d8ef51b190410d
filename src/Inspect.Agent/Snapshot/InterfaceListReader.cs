using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Inspect.Scap.Model;

namespace Inspect.Agent.Snapshot;

/// <summary>Interface addresses (sysdig tells local from remote endpoints with them), from System.Net.NetworkInformation.</summary>
public static class InterfaceListReader
{
    public static List<InterfaceEntry> Read()
    {
        var entries = new List<InterfaceEntry>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            var speed = LinkSpeed(nic);
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                if (address.AddressFamily == AddressFamily.InterNetwork)
                {
                    var mask = unicast.IPv4Mask;
                    entries.Add(new InterfaceEntry(nic.Name, address, mask, Broadcast(address, mask), speed));
                }
                else if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    entries.Add(new InterfaceEntry(nic.Name, new IPAddress(address.GetAddressBytes()), PrefixMask(unicast.PrefixLength), IPAddress.IPv6Any, speed));
                }
            }
        }

        return entries;
    }

    public static IPAddress Broadcast(IPAddress address, IPAddress mask)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(mask);
        var a = address.GetAddressBytes();
        var m = mask.GetAddressBytes();
        for (var i = 0; i < a.Length; i++)
        {
            a[i] |= (byte)~m[i];
        }

        return new IPAddress(a);
    }

    private static IPAddress PrefixMask(int prefixLength)
    {
        var bytes = new byte[16];
        for (var i = 0; i < prefixLength && i < 128; i++)
        {
            bytes[i / 8] |= (byte)(0x80 >> (i % 8));
        }

        return new IPAddress(bytes);
    }

    // Unknown speeds (loopback, virtual links) are written as 0, keeping the entry type sysdig 0.29.3 writes itself.
    private static ulong LinkSpeed(NetworkInterface nic)
    {
        try
        {
            return nic.Speed > 0 ? (ulong)nic.Speed : 0;
        }
        catch (PlatformNotSupportedException)
        {
            return 0;
        }
    }
}
