using System.Globalization;
using Millwright.Hardware.Virtual.Clock;
using Millwright.Hardware.Virtual.Machine;

namespace Millwright.Hardware.Virtual.Fleet;

/// <summary>What the `fleet` verb starts: N boards, each with its own device id, secret, data directory and machine.</summary>
internal sealed class FleetOptions
{
    public required int Count { get; init; }

    public string Prefix { get; init; } = "press-";

    public required string PlantId { get; init; }

    public required string BrokerHost { get; init; }

    public int BrokerPort { get; init; } = 1883;

    public bool BrokerTls { get; init; }

    public string? CaCertificateFile { get; init; }

    public required string DataDirectory { get; init; }

    public required string BoardFile { get; init; }

    public double TimeScale { get; init; } = 1.0;

    public int Seed { get; init; } = 1;

    public int? SamplePeriodMilliseconds { get; init; }

    public int Workers { get; init; } = Environment.ProcessorCount;

    public bool ProcessPerBoard { get; init; }

    /// <summary>Process mode: SIGKILL a randomly chosen board process this often (fault testing); null: never.</summary>
    public double? KillEverySeconds { get; init; }

    public double? DurationSeconds { get; init; }

    public bool Console { get; init; }

    public bool SyncWrites { get; init; } = true;

    public double StatusIntervalSeconds { get; init; } = 60;

    public string? MachineFile { get; init; }

    public MachineParameters Machine { get; init; } = new();

    public UtcMode Utc { get; init; } = UtcMode.Host;

    /// <summary>press-01 … press-NN, numbered with as many digits as the count needs (at least two).</summary>
    public IReadOnlyList<string> DeviceIds()
    {
        int digits = Math.Max(2, Count.ToString(CultureInfo.InvariantCulture).Length);
        return Enumerable.Range(1, Count).Select(i => Prefix + i.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>Each board's seed, from the fleet seed and its number: boards differ, runs repeat.</summary>
    public int SeedOf(int index) => unchecked((Seed * 1_000_003) + (index * 7919) + 17);

    public string DirectoryOf(string deviceId) => Path.Combine(DataDirectory, deviceId);
}
