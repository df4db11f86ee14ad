using System.Diagnostics;
using System.Globalization;
using Millwright.Hardware.Virtual.Board;
using Millwright.Hardware.Virtual.Fleet;

namespace Millwright.Hardware.Virtual.Cli;

/// <summary>
/// `run`: one virtual board in this process until Ctrl-C, SIGTERM or --duration-s. Prints where its console is, then a
/// status line; with --figures-every-ms it also prints machine-readable figure lines (how a process fleet watches its
/// boards). If the board's loop ever stops returning (a hung step), the process exits with code 70 after the watchdog
/// time, as a watchdog reset would, so a supervisor starts it again.
/// </summary>
internal static class RunCommand
{
    public const int WatchdogExitCode = 70;
    private static readonly TimeSpan HungStepLimit = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(OptionReader options, TextWriter output, TextWriter error, CancellationToken stop)
    {
        VirtualBoardOptions board = RunOptionsParser.Parse(options, output);
        double? duration = options.Number("--duration-s", 0, 1e9);
        int? figuresEvery = options.Integer("--figures-every-ms", 50, 3_600_000);
        bool quiet = options.Flag("--quiet");
        options.RejectUnknown();

        using var virtualBoard = VirtualBoard.Create(board);
        output.WriteLine(Describe(virtualBoard, board));
        output.Flush();
        using (var scheduler = new BoardScheduler(1, error))
        {
            scheduler.Add(virtualBoard);
            scheduler.Start();
            var status = new StatusLine(error, !System.Console.IsErrorRedirected);
            var watch = Stopwatch.StartNew();
            TimeSpan lastFigures = TimeSpan.Zero;
            long lastSteps = -1;
            TimeSpan lastProgress = TimeSpan.Zero;
            while (!stop.IsCancellationRequested && (duration is null || watch.Elapsed.TotalSeconds < duration))
            {
                try
                {
                    await Task.Delay(100, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                if (figuresEvery is { } every && (watch.Elapsed - lastFigures).TotalMilliseconds >= every)
                {
                    lastFigures = watch.Elapsed;
                    output.WriteLine(virtualBoard.Figures.ToLine());
                    output.Flush();
                }

                if (!quiet)
                {
                    status.Update(FleetTotals.Of([virtualBoard.Figures]), Console(virtualBoard));
                }

                if (scheduler.Steps != lastSteps)
                {
                    lastSteps = scheduler.Steps;
                    lastProgress = watch.Elapsed;
                }
                else if (watch.Elapsed - lastProgress > HungStepLimit)
                {
                    error.WriteLine($"board loop made no step for {HungStepLimit.TotalSeconds:F0} s: exiting as a watchdog reset would");
                    error.Flush();
                    Environment.Exit(WatchdogExitCode);
                }
            }

            if (!quiet)
            {
                status.Finish(FleetTotals.Of([virtualBoard.Figures]), Console(virtualBoard));
            }
        }

        return 0;
    }

    private static string Console(VirtualBoard board) => board.ConsolePath is null ? string.Empty : " console=" + board.ConsolePath;

    private static string Describe(VirtualBoard board, VirtualBoardOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        string broker = options.BrokerHost is null ? "as stored in its flash" : string.Create(c, $"{options.BrokerHost}:{options.BrokerPort}{(options.BrokerTls ? " (TLS)" : string.Empty)}");
        string console = board.ConsolePath is null ? "none" : board.ConsolePath + (options.ConsoleLinkPath is null ? string.Empty : $" (link {options.ConsoleLinkPath})");
        return string.Create(c, $"virtual board {options.DeviceId ?? "(identity from flash)"} on board '{board.Description.Name}': console {console}; data {options.DataDirectory}; broker {broker}; time scale {options.TimeScale}; seed {options.Seed}");
    }
}
