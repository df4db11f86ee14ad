using System.Diagnostics;
using Millwright.Hardware.Virtual.Clock;
using Millwright.Hardware.Virtual.Fleet;
using Millwright.Hardware.Virtual.Machine;

namespace Millwright.Hardware.Virtual.Cli;

/// <summary>`fleet`: N boards, in this process (load) or one process each (--process-per-board, fault tests), with a status line.</summary>
internal static class FleetCommand
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal)
    {
        "--tls", "--process-per-board", "--console", "--no-fsync",
    };

    public static async Task<int> RunAsync(OptionReader options, TextWriter output, TextWriter error, CancellationToken stop)
    {
        FleetOptions fleet = Parse(options);
        options.RejectUnknown();
        Directory.CreateDirectory(fleet.DataDirectory);
        output.WriteLine($"fleet of {fleet.Count} virtual boards ({(fleet.ProcessPerBoard ? "one process each" : $"in-process, {fleet.Workers} workers")}), " +
                         $"plant {fleet.PlantId}, broker {fleet.BrokerHost}:{fleet.BrokerPort}, data {fleet.DataDirectory}, time scale {fleet.TimeScale}, seed {fleet.Seed}");
        var status = new StatusLine(error, !System.Console.IsErrorRedirected);
        var watch = Stopwatch.StartNew();
        if (fleet.ProcessPerBoard)
        {
            using var processes = new ProcessFleet(fleet, output, error);
            processes.Start();
            await LoopAsync(fleet, watch, () =>
            {
                processes.Supervise();
                status.Update(processes.Totals(), processes.Extra());
            }, stop).ConfigureAwait(false);
            status.Finish(processes.Totals(), processes.Extra());
        }
        else
        {
            using var boards = new InProcessFleet(fleet, output, error);
            boards.Start();
            await LoopAsync(fleet, watch, () => status.Update(boards.Totals(), boards.Extra()), stop).ConfigureAwait(false);
            status.Finish(boards.Totals(), boards.Extra());
        }

        return 0;
    }

    private static async Task LoopAsync(FleetOptions fleet, Stopwatch watch, Action tick, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && (fleet.DurationSeconds is null || watch.Elapsed.TotalSeconds < fleet.DurationSeconds))
        {
            try
            {
                await Task.Delay(250, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            tick();
        }
    }

    private static FleetOptions Parse(OptionReader options)
    {
        BrokerAddress broker = BrokerAddress.Parse(options.RequiredText("--broker"));
        string prefix = options.Text("--prefix") ?? "press-";
        int count = options.Integer("--count", 1, 10_000) ?? 1;
        RunOptionsParser.Identifier(prefix + count, "--prefix");
        string? machineFile = options.Text("--machine");
        return new FleetOptions
        {
            Count = count,
            Prefix = prefix,
            PlantId = RunOptionsParser.Identifier(options.RequiredText("--plant"), "--plant")!,
            BrokerHost = broker.Host,
            BrokerPort = broker.Port,
            BrokerTls = options.Flag("--tls"),
            CaCertificateFile = options.Text("--ca-file"),
            DataDirectory = Path.GetFullPath(options.RequiredText("--data-dir")),
            BoardFile = BoardFileLocator.Resolve(options.Text("--board")),
            TimeScale = options.Number("--time-scale", SimulatedTimeline.MinimumScale, SimulatedTimeline.MaximumScale) ?? 1.0,
            Seed = options.Integer("--seed", int.MinValue, int.MaxValue) ?? 1,
            SamplePeriodMilliseconds = options.Integer("--sample-period-ms", 100, 3_600_000),
            Workers = options.Integer("--workers", 1, 256) ?? Environment.ProcessorCount,
            ProcessPerBoard = options.Flag("--process-per-board"),
            KillEverySeconds = options.Number("--kill-every-s", 0.1, 1e6),
            DurationSeconds = options.Number("--duration-s", 0, 1e9),
            Console = options.Flag("--console"),
            SyncWrites = !options.Flag("--no-fsync"),
            StatusIntervalSeconds = options.Number("--status-interval-s", 0.1, 86_400) ?? 60,
            MachineFile = machineFile is null ? null : Path.GetFullPath(machineFile),
            Machine = machineFile is null ? new MachineParameters() : MachineParameters.Load(machineFile),
            Utc = options.Text("--utc") switch
            {
                null or "host" => UtcMode.Host,
                "unsynced" => UtcMode.Unsynced,
                _ => throw new UsageException("--utc must be host or unsynced"),
            },
        };
    }
}
