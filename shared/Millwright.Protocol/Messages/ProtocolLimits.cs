namespace Millwright.Protocol.Messages;

/// <summary>Bounds that every encoder respects and every decoder enforces.</summary>
public static class ProtocolLimits
{
    /// <summary>Largest signed message (COSE_Mac0 bytes) anyone accepts; larger is quarantined as oversize.</summary>
    public const int MaxMessageBytes = 2048;

    /// <summary>Most samples in one frame.</summary>
    public const int MaxSamplesPerFrame = 64;

    /// <summary>Most channels or failed components listed in a status message.</summary>
    public const int MaxListItems = 64;

    /// <summary>Longest free-text field (detail, firmware version, board, reset reason, component name) in UTF-8 bytes.</summary>
    public const int MaxTextBytes = 128;
}
