using Millwright.Firmware.Console;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>A key store in memory; it copies what it is given, as flash would.</summary>
public sealed class ConsoleFakeKeyStore : IKeyStore
{
    private byte[]? _secret;

    public bool FailWrites { get; set; }

    public bool HasSecret => _secret != null;

    public byte[] ReadSecret() => _secret == null ? null! : (byte[])_secret.Clone();

    public void WriteSecret(byte[] secret)
    {
        if (FailWrites)
        {
            throw new IOException("flash write failed for " + Convert.ToHexString(secret));
        }

        _secret = (byte[])secret.Clone();
    }

    public void Erase() => _secret = null;
}

public sealed class ConsoleFakeHealth : IHealthSource
{
    public long FreeMemoryBytes { get; set; } = 41_234;

    public string ResetReason { get; set; } = "power-on";

    public int RebootCount { get; private set; }

    public void Reboot() => RebootCount++;
}

/// <summary>
/// A Wi-Fi station that knows some networks: after Configure it is connected exactly when the SSID and password
/// match a known network (a wrong password never connects). It records every Configure call.
/// </summary>
public sealed class ConsoleFakeNetwork : INetworkInterface
{
    public Dictionary<string, string> KnownNetworks { get; } = [];

    public List<(string Ssid, string Password)> Configured { get; } = [];

    public bool IsConnected { get; set; }

    public string Address => IsConnected ? "10.0.0.42" : "";

    public int Rssi { get; set; } = -61;

    public void Configure(string ssid, string password)
    {
        Configured.Add((ssid, password));
        IsConnected = KnownNetworks.TryGetValue(ssid, out var known) && known == password;
    }
}

public sealed class ConsoleFakeStatusSource : IConsoleStatusSource
{
    public long OutboxDepth { get; set; } = 12;

    public long OutboxDrops { get; set; }

    public uint BootCounter { get; set; } = 3;

    public string[] Failed { get; set; } = [];

    public string[] FailedComponents() => Failed;
}

public sealed class ConsoleFakeResetParticipant : IFactoryResetParticipant
{
    public int Erased { get; private set; }

    public void EraseForFactoryReset() => Erased++;
}

public sealed class ConsoleFakeConfigurationListener : IConfigurationListener
{
    public int SettingsCommitted { get; private set; }

    public int SecretsInstalled { get; private set; }

    public void OnSettingsCommitted() => SettingsCommitted++;

    public void OnSecretInstalled() => SecretsInstalled++;
}
