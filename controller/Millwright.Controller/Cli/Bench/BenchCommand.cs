using System.Diagnostics;

namespace Millwright.Controller.Cli.Bench;

/// <summary>`millwright bench`: the controller's ingest under load, against the embedded broker and against
/// Mosquitto, at several fleet sizes, in one run; prints the machine and a Markdown table (docs/benchmarks.md).</summary>
internal static class BenchCommand
{
    internal const string Usage =
        """
        usage: millwright bench [--devices 100,1000] [--brokers embedded,mosquitto] [--rate 3334]
                                [--warmup 5] [--duration 15] [--window 8] [--ack-timeout 15] [--no-saturate] [--anchoring]
                                [--set Millwright:Ingest:BatchSize=1000 ...] [--env NAME=value ...] [--perf DIR]

        For each fleet size and broker: registers the devices in a fresh database, starts `millwright serve` as a
        separate process (with Mosquitto started by the bench when the broker is mosquitto, the controller then an
        external-broker client), connects every simulated device over its own MQTT login and measures two phases:
          target    the fleet offers --rate signed 6-channel frames/s in all, open loop, spread over the devices
          saturate  every device keeps a full --window of frames in flight (the most the controller sustains)
        A frame counts when the controller's signed ack covers it (verified, stored durably, acked). Devices resend
        everything unacked after --ack-timeout seconds, as the firmware does. --set passes a setting to the
        controller, --env an environment variable of its process; --perf samples the controller with `perf record` during each target phase.
        The controller runs without anchoring unless --anchoring is given: then it anchors on its own Anvil at its
        settings (defaults unless --set changes them), and after the phases the bench waits until every frame is
        anchored and reports checkpoints, frames and gas per checkpoint, gas per reading, and the time from a frame's
        arrival to the confirmation of the checkpoint that covers it.
        """;

    internal static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error)
    {
        if (args is ["help" or "--help" or "-h"])
        {
            output.WriteLine(Usage);
            return 0;
        }

        BenchOptions options = BenchOptions.Parse(args);
        try
        {
            RunAsync(options, output, CancellationToken.None).GetAwaiter().GetResult();
            return 0;
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"millwright bench: {e.Message}");
            return 1;
        }
    }

    private static async Task RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine(BenchReport.Machine());
        output.WriteLine($"target: {options.TargetFramesPerSecond:N0} frames/s ({options.TargetFramesPerSecond * PhaseResult.ReadingsPerFrame:N0} readings/s), " +
            $"window {options.Window}, ack timeout {options.AckTimeout.TotalSeconds:N0} s, warm-up {options.WarmUp.TotalSeconds:N0} s, measured {options.Duration.TotalSeconds:N0} s" +
            (options.ControllerSettings.Count == 0 ? string.Empty : $", controller settings {string.Join(' ', options.ControllerSettings)}") +
            (options.ControllerEnvironment.Count == 0 ? string.Empty : $", controller environment {string.Join(' ', options.ControllerEnvironment.Select(v => $"{v.Key}={v.Value}"))}"));
        var results = new List<PhaseResult>();
        long started = Stopwatch.GetTimestamp();
        foreach (int devices in options.DeviceCounts)
        {
            List<FleetMember> members = BenchRegistry.Members(devices);
            string template = Path.Combine(Path.GetTempPath(), "mw-bench-template-" + Guid.NewGuid().ToString("N"));
            try
            {
                long registering = Stopwatch.GetTimestamp();
                await BenchRegistry.RegisterAsync(template, members, cancellationToken).ConfigureAwait(false);
                output.WriteLine($"{devices} devices registered in {Stopwatch.GetElapsedTime(registering).TotalSeconds:F1} s");
                foreach (string broker in options.Brokers)
                {
                    output.WriteLine($"{devices} devices, {broker}:");
                    var scenario = new BenchScenario(options, devices, broker, members, template, output);
                    results.AddRange(await scenario.RunAsync(cancellationToken).ConfigureAwait(false));
                }
            }
            finally
            {
                Directory.Delete(template, recursive: true);
            }
        }

        output.WriteLine();
        output.WriteLine($"finished in {Stopwatch.GetElapsedTime(started).TotalMinutes:F1} min; {BenchReport.Machine()}");
        output.WriteLine(BenchReport.Header);
        foreach (PhaseResult result in results)
        {
            output.WriteLine(BenchReport.Row(result));
        }
    }
}
