using Millwright.Firmware.Commands;
using Millwright.Firmware.Runtime;

namespace Millwright.Hardware.Virtual.Board;

/// <summary>
/// The firmware's options for a board running at a time scale. The firmware counts every duration on its monotonic
/// clock, which runs <c>scale</c> times faster than real time; the durations that are about the network or about
/// supervision — loop sleep, watchdog, MQTT connect and ack timeouts, reconnect back-off, the status period and the
/// fail-safe's controller timeout — are multiplied by the scale, so they last as long in real time as on a board at
/// scale 1. A broker, a controller and a host do not get faster when the simulation does.
/// </summary>
internal static class ScaledRuntimeOptions
{
    public static NodeRuntimeOptions Create(double scale, double statusIntervalRealSeconds, int samplePeriodMilliseconds)
    {
        var options = new NodeRuntimeOptions();
        options.MaxSleepMicros = Scale(options.MaxSleepMicros, scale);
        options.WatchdogTimeoutMilliseconds = (int)Math.Clamp(options.WatchdogTimeoutMilliseconds * scale, 1000, int.MaxValue / 2);
        options.Session.ConnectTimeoutMicros = Scale(options.Session.ConnectTimeoutMicros, scale);
        options.Session.AckTimeoutMicros = Scale(options.Session.AckTimeoutMicros, scale);
        options.Session.BackoffMinMicros = Scale(options.Session.BackoffMinMicros, scale);
        options.Session.BackoffMaxMicros = Scale(options.Session.BackoffMaxMicros, scale);
        options.Session.StatusIntervalMicros = Scale((long)(statusIntervalRealSeconds * 1_000_000), scale);
        options.ControllerTimeoutMilliseconds = (int)Math.Clamp(FailSafeMonitor.DefaultTimeoutFor(samplePeriodMilliseconds) * scale, 1, int.MaxValue / 2);
        options.Validate();
        return options;
    }

    private static long Scale(long micros, double scale) => Math.Max(1000, (long)(micros * scale));
}
