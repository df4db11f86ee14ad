using System;
using Millwright.Firmware.Components;
using Millwright.Firmware.Framing;
using Millwright.Firmware.Mqtt;
using Millwright.Firmware.Outbox;

namespace Millwright.Firmware.Runtime;

/// <summary>Tuning of the node. The defaults are the ones a board ships with; tests shorten the times.</summary>
public sealed class NodeRuntimeOptions
{
    public NodeRuntimeOptions()
    {
        Outbox = new OutboxOptions();
        Session = new MqttSessionOptions();
        SequenceBlockSize = SequenceAllocator.DefaultBlockSize;
        WatchdogTimeoutMilliseconds = LoopWatchdog.DefaultTimeoutMilliseconds;
        MaxSleepMicros = 100000;
        SensorRetryMinMicros = SensorComponent.DefaultRetryMinMicros;
        SensorRetryMaxMicros = SensorComponent.DefaultRetryMaxMicros;
        MaxFaultyIterations = 50;
        ControllerResyncMicros = 5000000;
    }

    public OutboxOptions Outbox { get; set; }

    /// <summary>MQTT session tuning; its StatusIntervalMicros is the health telemetry period.</summary>
    public MqttSessionOptions Session { get; set; }

    /// <summary>Sequence numbers reserved per flash write (see SequenceAllocator).</summary>
    public int SequenceBlockSize { get; set; }

    public int WatchdogTimeoutMilliseconds { get; set; }

    /// <summary>
    /// The longest <see cref="NodeRuntime.Step"/> tells the board to sleep: how late the console, acks and commands can
    /// be handled. Also kept under a third of the watchdog timeout.
    /// </summary>
    public long MaxSleepMicros { get; set; }

    public long SensorRetryMinMicros { get; set; }

    public long SensorRetryMaxMicros { get; set; }

    /// <summary>Controller silence before actuators go safe; 0 = FailSafeMonitor.DefaultTimeoutFor(the sampling period).</summary>
    public int ControllerTimeoutMilliseconds { get; set; }

    /// <summary>Main loop iterations in a row with a caught exception before the watchdog is no longer fed (the node resets).</summary>
    public int MaxFaultyIterations { get; set; }

    /// <summary>A clock set from the controller is set again when an ack's time differs by more than this.</summary>
    public long ControllerResyncMicros { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (Outbox == null || Session == null)
        {
            throw new ArgumentException("node options need outbox and session options");
        }

        Outbox.Validate();
        Session.Validate();
        Require(SequenceBlockSize >= 1, "sequence block size must be at least 1");
        Require(WatchdogTimeoutMilliseconds >= 1000, "watchdog timeout must be at least 1000 ms");
        Require(MaxSleepMicros >= 1000, "max sleep must be at least 1 ms");
        Require(SensorRetryMinMicros > 0 && SensorRetryMaxMicros >= SensorRetryMinMicros, "sensor retry delays must be above 0 and min <= max");
        Require(ControllerTimeoutMilliseconds >= 0, "controller timeout must not be negative");
        Require(MaxFaultyIterations >= 1, "max faulty iterations must be at least 1");
        Require(ControllerResyncMicros > 0, "controller resync threshold must be above 0");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
