namespace Millwright.Protocol.Messages;

/// <summary>
/// Integer map keys of every payload, one namespace for all message types (docs/protocol.md lists which message
/// uses which). Keys below 24 encode in one byte, so the most frequent fields come first.
/// </summary>
public static class MessageKeys
{
    public const int Type = 1;
    public const int DeviceId = 2;
    public const int BootCounter = 3;
    public const int Sequence = 4;
    public const int TimeMicros = 5;
    public const int TimeQuality = 6;
    public const int Samples = 7;
    public const int GapFirst = 8;
    public const int GapLast = 9;
    public const int GapReason = 10;
    public const int AckedSequence = 11;
    public const int CommandId = 12;
    public const int NotAfterMicros = 13;
    public const int ActuatorId = 14;
    public const int Action = 15;
    public const int Value = 16;
    public const int Outcome = 17;
    public const int Detail = 18;
    public const int Online = 19;
    public const int FirmwareVersion = 20;
    public const int Board = 21;
    public const int Channels = 22;
    public const int UptimeSeconds = 23;
    public const int FreeMemoryBytes = 24;
    public const int Rssi = 25;
    public const int OutboxDepth = 26;
    public const int OutboxDrops = 27;
    public const int ResetReason = 28;
    public const int FailedComponents = 29;
}
