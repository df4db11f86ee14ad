namespace Millwright.Firmware.Console;

/// <summary>What one received byte completed.</summary>
public enum SerialInput
{
    /// <summary>Nothing yet.</summary>
    None = 0,

    /// <summary>A text line (without its CR/LF) is in the framer's buffer.</summary>
    Line = 1,

    /// <summary>A complete Improv packet (header to checksum) is in the framer's buffer.</summary>
    ImprovPacket = 2,

    /// <summary>A line longer than <see cref="SerialInputFramer.MaxLineBytes"/> ended; it was discarded.</summary>
    LineTooLong = 3,
}
