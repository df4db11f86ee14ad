using System.Globalization;
using Millwright.Controller.Cli;

namespace Millwright.Controller.Demo;

/// <summary>Options of `millwright demo`. <see cref="Protocol"/> selects the in-process protocol walk-through
/// (<see cref="ProtocolDemo"/>, which uses <see cref="FramesPerDevice"/>); otherwise the controller and a virtual fleet
/// run for <see cref="Seconds"/> (<see cref="FleetDemo"/>).</summary>
internal sealed record DemoOptions(int Devices, int FramesPerDevice, int Seed)
{
    internal bool Protocol { get; init; }

    internal int Seconds { get; init; } = 30;

    internal double TimeScale { get; init; } = 10;

    /// <summary>A built Millwright.Hardware.Virtual.dll to run instead of building the project (tests).</summary>
    internal string? FleetAssembly { get; init; }

    internal static DemoOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new DemoOptions(Devices: 5, FramesPerDevice: 20, Seed: 1);
        for (int i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--protocol" => options with { Protocol = true },
                "--devices" => options with { Devices = OptionReader.ReadInt(args, ref i, 1, 1000) },
                "--frames" => options with { FramesPerDevice = OptionReader.ReadInt(args, ref i, 1, 100_000) },
                "--seed" => options with { Seed = OptionReader.ReadInt(args, ref i, 0, int.MaxValue) },
                "--seconds" => options with { Seconds = OptionReader.ReadInt(args, ref i, 1, 86_400) },
                "--time-scale" => options with { TimeScale = ReadScale(args, ref i) },
                _ => throw new UsageException(
                    $"demo: unknown option '{args[i]}' (expected --devices, --seconds, --seed, --time-scale, or --protocol [--frames N])"),
            };
        }

        return options;
    }

    private static double ReadScale(ReadOnlySpan<string> args, ref int index)
    {
        if (index + 1 >= args.Length ||
            !double.TryParse(args[index + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ||
            value < 0.1 || value > 1000)
        {
            throw new UsageException("--time-scale takes a number from 0.1 to 1000");
        }

        index++;
        return value;
    }
}
