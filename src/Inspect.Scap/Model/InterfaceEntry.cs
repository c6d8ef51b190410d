using System.Net;

namespace Inspect.Scap.Model;

/// <summary>A network interface address (interface-list block); sysdig uses these to tell local from remote endpoints.</summary>
/// <param name="Name">Interface name, e.g. <c>eth0</c>.</param>
/// <param name="Address">Interface address.</param>
/// <param name="Netmask">Netmask.</param>
/// <param name="Broadcast">Broadcast address (IPv4) or the third address of the entry (IPv6).</param>
/// <param name="LinkSpeed">Link speed, when the entry carries one.</param>
public sealed record InterfaceEntry(string Name, IPAddress Address, IPAddress Netmask, IPAddress Broadcast, ulong? LinkSpeed);
