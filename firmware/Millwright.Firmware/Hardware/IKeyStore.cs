namespace Millwright.Firmware.Hardware;

/// <summary>Where the 32-byte device secret lives. Nothing outside key handling reads it; the console can never print it.</summary>
public interface IKeyStore
{
    bool HasSecret { get; }

    /// <summary>The secret, or null when none is installed.</summary>
    byte[] ReadSecret();

    void WriteSecret(byte[] secret);

    void Erase();
}
