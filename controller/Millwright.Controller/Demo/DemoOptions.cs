using Millwright.Controller.Cli;

namespace Millwright.Controller.Demo;

/// <summary>Options of `millwright demo`.</summary>
internal sealed record DemoOptions(int Devices, int FramesPerDevice, int Seed)
{
    internal static DemoOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new DemoOptions(Devices: 5, FramesPerDevice: 20, Seed: 1);
        for (int i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--devices" => options with { Devices = OptionReader.ReadInt(args, ref i, 1, 1000) },
                "--frames" => options with { FramesPerDevice = OptionReader.ReadInt(args, ref i, 1, 100_000) },
                "--seed" => options with { Seed = OptionReader.ReadInt(args, ref i, 0, int.MaxValue) },
                _ => throw new UsageException($"demo: unknown option '{args[i]}' (expected --devices, --frames or --seed)"),
            };
        }

        return options;
    }
}
