using Millwright.Hardware.Virtual.Clock;
using Millwright.Hardware.Virtual.Machine;

namespace Millwright.Hardware.Virtual.Board;

/// <summary>How to build and run one virtual board (the `run` verb's options; the fleet makes one per board).</summary>
internal sealed class VirtualBoardOptions
{
    /// <summary>Flash, machine state and console path live here; reusing it is what keeps a board's outbox across restarts.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The board file (hardware/boards/virtual.json or another with chip "virtual").</summary>
    public required string BoardFile { get; init; }

    /// <summary>When set, the board is provisioned with these settings before it boots (as a factory would).</summary>
    public string? DeviceId { get; init; }

    public string? PlantId { get; init; }

    public string? BrokerHost { get; init; }

    public int BrokerPort { get; init; } = 1883;

    public bool BrokerTls { get; init; }

    /// <summary>PEM of the CA that signed the broker's certificate (TLS); null: the host's trust store.</summary>
    public string? CaCertificatePem { get; init; }

    /// <summary>The device secret to install when the flash has none. Never printed.</summary>
    public byte[]? Secret { get; init; }

    /// <summary>Real seconds → simulated seconds (docs/virtual-board.md, "Accelerated time").</summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Seeds the machine, the sensor noise and the firmware's reconnect jitter.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>When set, every channel is sampled at this period (the board file's per-channel periods are dropped).</summary>
    public int? SamplePeriodMilliseconds { get; init; }

    public UtcMode Utc { get; init; } = UtcMode.Host;

    /// <summary>Give the board its console on a pseudo-terminal.</summary>
    public bool Console { get; init; } = true;

    /// <summary>A symbolic link to the console's pseudo-terminal, e.g. /tmp/press-01.tty.</summary>
    public string? ConsoleLinkPath { get; init; }

    /// <summary>fsync every flash write; off makes a large fleet cheaper and still survives a killed process.</summary>
    public bool SyncWrites { get; init; } = true;

    public long FlashCapacityBytes { get; init; } = 4 * 1024 * 1024;

    public MachineParameters Machine { get; init; } = new();

    /// <summary>Health telemetry (signed status) period, in real seconds.</summary>
    public double StatusIntervalSeconds { get; init; } = 60;

    /// <summary>How far, in real seconds, the board's simulated time may fall behind before it skips ahead (busy host).</summary>
    public double MaxLagSeconds { get; init; } = 2.0;

    /// <summary>MQTT client timeout for one connect or publish exchange (real time).</summary>
    public TimeSpan MqttTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string FlashDirectory => Path.Combine(DataDirectory, "flash");

    public string MachineStatePath => Path.Combine(DataDirectory, "machine.json");

    public string ConsolePathFile => Path.Combine(DataDirectory, "console.pty");

    public string MaintenanceRequestPath => Path.Combine(DataDirectory, MaintenanceTrigger.FileName);
}
