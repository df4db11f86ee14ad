using System.Globalization;

namespace Millwright.Controller.Cli.Bench;

/// <summary>Options of `millwright bench`.</summary>
internal sealed record BenchOptions
{
    internal IReadOnlyList<int> DeviceCounts { get; init; } = [100, 1000];

    internal IReadOnlyList<string> Brokers { get; init; } = ["embedded", "mosquitto"];

    /// <summary>Frames per second the whole fleet offers in the target phase (3,334 × 6 channels ≈ 20,000 readings/s).</summary>
    internal double TargetFramesPerSecond { get; init; } = 3334;

    internal TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    internal TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Also measure the most the controller sustains with every device keeping a full window in flight.</summary>
    internal bool Saturate { get; init; } = true;

    internal int Window { get; init; } = 8;

    internal TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Settings passed to `serve` as --Key=value (e.g. Millwright:Ingest:BatchSize=1000).</summary>
    internal IReadOnlyList<string> ControllerSettings { get; init; } = [];

    /// <summary>Environment variables for the controller process (e.g. DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0).</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> ControllerEnvironment { get; init; } = [];

    /// <summary>When set, `perf record` samples the controller during each measured target phase into this folder.</summary>
    internal string? PerfDirectory { get; init; }

    /// <summary>Run the controller with anchoring on (its local Anvil) and report what anchoring costs and how long
    /// frames wait to become provable; off, the controller runs without anchoring.</summary>
    internal bool Anchoring { get; init; }

    internal static BenchOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new BenchOptions();
        var settings = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            options = name switch
            {
                "--devices" => options with { DeviceCounts = List(args, ref i).Select(v => Whole(name, v, 1, 20_000)).ToList() },
                "--brokers" => options with { Brokers = BrokerNames(List(args, ref i)) },
                "--rate" => options with { TargetFramesPerSecond = Whole(name, Value(args, ref i), 1, 1_000_000) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(Whole(name, Value(args, ref i), 0, 600)) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Whole(name, Value(args, ref i), 1, 3600)) },
                "--no-saturate" => options with { Saturate = false },
                "--anchoring" => options with { Anchoring = true },
                "--window" => options with { Window = Whole(name, Value(args, ref i), 1, 1024) },
                "--ack-timeout" => options with { AckTimeout = TimeSpan.FromSeconds(Whole(name, Value(args, ref i), 1, 600)) },
                "--set" => options with { ControllerSettings = [.. options.ControllerSettings, Setting(Value(args, ref i))] },
                "--env" => options with { ControllerEnvironment = [.. options.ControllerEnvironment, Variable(Value(args, ref i))] },
                "--perf" => options with { PerfDirectory = Path.GetFullPath(Value(args, ref i)) },
                _ => throw new UsageException($"bench: unknown option '{name}' (`millwright bench help` lists them)"),
            };
        }

        return options;
    }

    private static string Value(ReadOnlySpan<string> args, ref int index)
    {
        if (index + 1 >= args.Length)
        {
            throw new UsageException($"bench: {args[index]} needs a value");
        }

        index++;
        return args[index];
    }

    private static string[] List(ReadOnlySpan<string> args, ref int index) =>
        Value(args, ref index).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Whole(string name, string value, int minimum, int maximum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed >= minimum && parsed <= maximum
            ? parsed
            : throw new UsageException($"bench: {name} takes whole numbers from {minimum} to {maximum} (got '{value}')");

    private static string[] BrokerNames(string[] names) =>
        names.All(n => n is "embedded" or "mosquitto") && names.Length > 0
            ? names
            : throw new UsageException("bench: --brokers takes embedded, mosquitto or both (comma-separated)");

    private static KeyValuePair<string, string> Variable(string value) =>
        value.IndexOf('=', StringComparison.Ordinal) is > 0 and int equals
            ? new(value[..equals], value[(equals + 1)..])
            : throw new UsageException($"bench: --env takes NAME=value (got '{value}')");

    private static string Setting(string value) =>
        value.Contains('=', StringComparison.Ordinal) && !value.StartsWith('-')
            ? "--" + value
            : throw new UsageException($"bench: --set takes Section:Key=value (got '{value}')");
}
