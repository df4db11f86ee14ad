namespace Millwright.Firmware;

/// <summary>Identity of this firmware build, reported in the status message and on the console.</summary>
public static class FirmwareInfo
{
    public const string Version = "0.1.0";
}
