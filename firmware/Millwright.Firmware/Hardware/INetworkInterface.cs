namespace Millwright.Firmware.Hardware;

/// <summary>The node's network (Wi-Fi station on the board, always up on the virtual board).</summary>
public interface INetworkInterface
{
    bool IsConnected { get; }

    /// <summary>The node's IP address as text, or "" when it has none.</summary>
    string Address { get; }

    /// <summary>Signal strength in dBm (0 when unknown or wired).</summary>
    int Rssi { get; }

    /// <summary>Stores and applies Wi-Fi credentials; the connection result shows in <see cref="IsConnected"/>.</summary>
    void Configure(string ssid, string password);
}
