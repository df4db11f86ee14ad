using Millwright.Firmware.Hardware;

namespace Millwright.Hardware.Virtual.Board;

/// <summary>
/// The node's network on the virtual board: the host's, always up. Wi-Fi credentials set over the console or Improv
/// are kept (so the console shows them applied) and change nothing; RSSI 0 means "wired / unknown" in the protocol.
/// </summary>
internal sealed class VirtualNetwork : INetworkInterface
{
    public bool IsConnected => true;

    public string Address => "127.0.0.1";

    public int Rssi => 0;

    public string Ssid { get; private set; } = string.Empty;

    public void Configure(string ssid, string password) => Ssid = ssid ?? string.Empty;
}
