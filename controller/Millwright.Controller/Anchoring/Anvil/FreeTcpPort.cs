using System.Net;
using System.Net.Sockets;

namespace Millwright.Controller.Anchoring.Anvil;

/// <summary>Loopback TCP ports: one the system has free now, and whether a given one is free.</summary>
internal static class FreeTcpPort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
