using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>A Wi-Fi station the test controls; remembers the credentials it was given.</summary>
public sealed class RuntimeNetwork : INetworkInterface
{
    public bool IsConnected { get; set; } = true;

    public string Address { get; set; } = "10.0.0.17";

    public int Rssi { get; set; } = -61;

    public string? Ssid { get; private set; }

    public string? Password { get; private set; }

    public void Configure(string ssid, string password)
    {
        Ssid = ssid;
        Password = password;
    }
}
