namespace Millwright.Firmware.Board;

/// <summary>
/// What a board has: its channels and actuators and their rules. Data only; the board file format of
/// hardware/boards/ loads into this shape, and the board binding supplies the matching hardware objects.
/// </summary>
public sealed class BoardDescription
{
    public BoardDescription(string name, ChannelDescription[] channels, ActuatorDescription[] actuators)
    {
        Name = name;
        Channels = channels;
        Actuators = actuators;
        DefaultSamplePeriodMilliseconds = 1000;
        ConsoleBaudRate = 115200;
        ConsoleFraming = SerialFraming.Default;
    }

    public string Name { get; private set; }

    public ChannelDescription[] Channels { get; private set; }

    public ActuatorDescription[] Actuators { get; private set; }

    /// <summary>Sampling period used for channels that do not set their own.</summary>
    public int DefaultSamplePeriodMilliseconds { get; set; }

    public int ConsoleBaudRate { get; set; }

    /// <summary>The console UART's framing ("8N1"; see <see cref="SerialFraming"/>).</summary>
    public string ConsoleFraming { get; set; }
}
