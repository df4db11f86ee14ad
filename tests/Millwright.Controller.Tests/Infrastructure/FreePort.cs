using System.Net;
using System.Net.Sockets;

namespace Millwright.Controller.Tests.Infrastructure;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it).</summary>
internal static class FreePort
{
    internal static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
