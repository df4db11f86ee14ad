using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>A key store in memory; hands out copies, as a platform store reading flash would.</summary>
public sealed class RuntimeKeyStore : IKeyStore
{
    private byte[]? _secret;

    public RuntimeKeyStore(byte[]? secret = null)
    {
        _secret = secret?.ToArray();
    }

    public bool HasSecret => _secret != null;

    public int Reads { get; private set; }

    public byte[]? ReadSecret()
    {
        Reads++;
        return _secret?.ToArray();
    }

    public void WriteSecret(byte[] secret) => _secret = secret.ToArray();

    public void Erase() => _secret = null;
}
