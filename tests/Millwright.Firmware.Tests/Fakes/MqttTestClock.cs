namespace Millwright.Firmware.Tests.Fakes;

/// <summary>The monotonic clock of the MQTT tests: moves only when a test advances it, never from the wall clock.</summary>
internal sealed class MqttTestClock
{
    public long NowMicros { get; private set; }

    public void Advance(long micros)
    {
        if (micros < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(micros), "a monotonic clock never goes back");
        }

        NowMicros += micros;
    }
}
