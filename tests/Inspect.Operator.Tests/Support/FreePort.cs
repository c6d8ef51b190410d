using System.Net;
using System.Net.Sockets;

namespace Inspect.Operator.Tests.Support;

/// <summary>A loopback port nobody listens on now (for hosts whose routes are bound to a known port).</summary>
internal static class FreePort
{
    public static IPEndPoint Loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new IPEndPoint(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
    }
}
