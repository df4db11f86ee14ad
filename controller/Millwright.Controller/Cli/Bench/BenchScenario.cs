using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Millwright.Controller.Cli.Bench;

/// <summary>
/// One bench scenario: N devices against one broker. The controller runs as its own process (`millwright serve` on a
/// copy of a database where the devices are registered), so its CPU is measured apart from the load generator's
/// (this process) and Mosquitto's. Phases: "target" — the fleet offers the target rate open-loop; "saturate" — every
/// device keeps a full window in flight, which shows the most the controller sustains (its latency is then mostly
/// queueing: Little's law, frames in flight ÷ rate).
/// </summary>
internal sealed class BenchScenario(BenchOptions options, int deviceCount, string broker, IReadOnlyList<FleetMember> members, string templateDirectory, TextWriter progress)
{
    internal const string Plant = "bench";

    internal async Task<List<PhaseResult>> RunAsync(CancellationToken cancellationToken)
    {
        string directory = Path.Combine(Path.GetTempPath(), "mw-bench-" + Guid.NewGuid().ToString("N"));
        string dataDirectory = Path.Combine(directory, "data");
        CopyDirectory(templateDirectory, dataDirectory);
        int apiPort = FreePort();
        int mqttPort = FreePort();
        var environment = new Dictionary<string, string>(options.ControllerEnvironment, StringComparer.Ordinal);
        List<string> serve =
        [
            "--data-dir", dataDirectory, "--plant", Plant, "--urls", $"http://127.0.0.1:{apiPort}",
            "--mqtt-bind", "127.0.0.1", "--mqtt-port", mqttPort.ToString(CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default=Warning", $"--Millwright:Anchoring:Enabled={options.Anchoring}", .. options.ControllerSettings,
        ];
        ChildProcess? mosquitto = null;
        ChildProcess? controller = null;
        try
        {
            if (broker == "mosquitto")
            {
                string program = MosquittoBroker.Find() ?? throw new InvalidOperationException("mosquitto is not installed (apt-get install mosquitto)");
                (mosquitto, string password) = await MosquittoBroker.StartAsync(
                    program, Path.Combine(directory, "mosquitto"), mqttPort, Plant, members, cancellationToken).ConfigureAwait(false);
                serve.AddRange(["--mqtt-mode", "External", "--broker-host", "127.0.0.1", "--broker-port", mqttPort.ToString(CultureInfo.InvariantCulture),
                    "--broker-user", MosquittoBroker.ControllerUser, "--broker-client-id", MosquittoBroker.ControllerUser]);
                environment["MILLWRIGHT__MQTT__EXTERNAL__PASSWORD"] = password;
            }

            if (options.PerfDirectory is not null)
            {
                // perf names JIT-compiled frames from /tmp/perf-PID.map; with W^X on, that code lives in a memfd mapping the
                // map does not cover, so it is turned off for a profiled run.
                environment["DOTNET_PerfMapEnabled"] = "1";
                environment["DOTNET_EnableWriteXorExecute"] = "0";
            }

            controller = ChildProcess.StartController(serve, environment);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(10) };
            await WaitHealthyAsync(http, controller, cancellationToken).ConfigureAwait(false);
            List<PhaseResult> results = await RunPhasesAsync(mqttPort, controller, mosquitto, http, cancellationToken).ConfigureAwait(false);
            if (options.Anchoring)
            {
                await MeasureAnchoringAsync(dataDirectory, controller, http, cancellationToken).ConfigureAwait(false);
            }

            return results;
        }
        finally
        {
            controller?.Dispose();
            mosquitto?.Dispose();
            Storage.Sqlite.SqliteConnectionFactory.ClearPools();
            TryDelete(directory);
        }
    }

    private async Task<List<PhaseResult>> RunPhasesAsync(int brokerPort, ChildProcess controller, ChildProcess? mosquitto, HttpClient http, CancellationToken cancellationToken)
    {
        var deviceOptions = new SimulatedDeviceOptions { Window = options.Window, AckTimeout = options.AckTimeout };
        var schedule = new FleetSchedule(options.TargetFramesPerSecond / deviceCount);
        var results = new List<PhaseResult>();
        await using SimulatedFleet fleet = SimulatedFleet.Create("127.0.0.1", brokerPort, Plant, members, deviceOptions, schedule);
        long connecting = Stopwatch.GetTimestamp();
        fleet.Connect();
        if (!await fleet.WaitAllOnlineAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"only {fleet.OnlineCount} of {deviceCount} devices connected");
        }

        progress.WriteLine($"  {deviceCount} devices connected to {broker} in {Stopwatch.GetElapsedTime(connecting).TotalSeconds:F1} s");
        fleet.StartProducing();
        results.Add(await MeasureAsync("target", fleet, controller, mosquitto, http, cancellationToken).ConfigureAwait(false));
        fleet.StopProducing();
        long draining = Stopwatch.GetTimestamp();
        while (!fleet.Drained && Stopwatch.GetElapsedTime(draining) < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        progress.WriteLine($"  backlog {(fleet.Drained ? "drained" : "NOT drained")} {Stopwatch.GetElapsedTime(draining).TotalSeconds:F1} s after the target phase");
        if (options.Saturate)
        {
            foreach (SimulatedDevice device in fleet.Devices)
            {
                device.Saturate();
            }

            results.Add(await MeasureAsync("saturate", fleet, controller, mosquitto, http, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<PhaseResult> MeasureAsync(
        string phase, SimulatedFleet fleet, ChildProcess controller, ChildProcess? mosquitto, HttpClient http, CancellationToken cancellationToken)
    {
        await Task.Delay(options.WarmUp, cancellationToken).ConfigureAwait(false);
        DeviceCounters devicesBefore = fleet.Totals;
        fleet.Latencies.Reset();
        MetricsSnapshot metricsBefore = await MetricsSnapshot.ScrapeAsync(http, cancellationToken).ConfigureAwait(false);
        TimeSpan controllerBefore = ProcessCpu.Of(controller.Id);
        TimeSpan generatorBefore = ProcessCpu.OfThisProcess();
        TimeSpan brokerBefore = mosquitto is null ? TimeSpan.Zero : ProcessCpu.Of(mosquitto.Id);
        long started = Stopwatch.GetTimestamp();
        using ChildProcess? perf = phase == "target" ? StartPerf(controller.Id) : null;

        await Task.Delay(options.Duration, cancellationToken).ConfigureAwait(false);

        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        DeviceCounters work = fleet.Totals - devicesBefore;
        (TimeSpan p50, TimeSpan p95, TimeSpan p99) = (fleet.Latencies.Percentile(50), fleet.Latencies.Percentile(95), fleet.Latencies.Percentile(99));
        double controllerCores = (ProcessCpu.Of(controller.Id) - controllerBefore).TotalSeconds / seconds;
        double generatorCores = (ProcessCpu.OfThisProcess() - generatorBefore).TotalSeconds / seconds;
        double brokerCores = mosquitto is null ? 0 : (ProcessCpu.Of(mosquitto.Id) - brokerBefore).TotalSeconds / seconds;
        MetricsSnapshot metricsAfter = await MetricsSnapshot.ScrapeAsync(http, cancellationToken).ConfigureAwait(false);
        long backlog = fleet.Devices.Sum(d => (long)d.Pending);
        double batches = metricsAfter["millwright_store_batch_seconds_count"] - metricsBefore["millwright_store_batch_seconds_count"];
        double batchSeconds = metricsAfter["millwright_store_batch_seconds_sum"] - metricsBefore["millwright_store_batch_seconds_sum"];
        double stored = metricsAfter["millwright_frames_stored_total"] - metricsBefore["millwright_frames_stored_total"];
        long slowBatches = (long)(SlowBatchCount(metricsAfter) - SlowBatchCount(metricsBefore));
        if (perf is not null)
        {
            await WaitForExitAsync(perf, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }

        var result = new PhaseResult(deviceCount, broker, phase, seconds, work.Produced / seconds, work.Acked / seconds, p50, p95, p99,
            controllerCores, generatorCores, brokerCores, work, backlog, stored / seconds, batches / seconds, batches > 0 ? batchSeconds / batches * 1000 : 0, slowBatches);
        progress.WriteLine("  " + BenchReport.Row(result));
        return result;
    }

    /// <summary>Storage transactions so far that took longer than 0.5 s (a bucket bound of the histogram).</summary>
    private static double SlowBatchCount(MetricsSnapshot metrics) =>
        metrics["millwright_store_batch_seconds_count"] - metrics["millwright_store_batch_seconds_bucket{le=\"0.5\"}"];

    private async Task MeasureAnchoringAsync(string dataDirectory, ChildProcess controller, HttpClient http, CancellationToken cancellationToken)
    {
        long stored = (long)(await MetricsSnapshot.ScrapeAsync(http, cancellationToken).ConfigureAwait(false))["millwright_frames_stored_total"];
        bool covered = await AnchorMeasurement.WaitCoveredAsync(dataDirectory, stored, TimeSpan.FromMinutes(12), progress, cancellationToken).ConfigureAwait(false);
        progress.WriteLine(covered ? $"  all {stored} frames anchored" : $"  NOT all {stored} frames anchored within 12 min");
        controller.Dispose();
        await AnchorMeasurement.WriteAsync(dataDirectory, progress, cancellationToken).ConfigureAwait(false);
    }

    private ChildProcess? StartPerf(int processId)
    {
        if (options.PerfDirectory is null)
        {
            return null;
        }

        Directory.CreateDirectory(options.PerfDirectory);
        string output = Path.Combine(options.PerfDirectory, $"controller-{deviceCount}-{broker}.perf.data");
        return ChildProcess.Start("perf", ["record", "-e", "cpu-clock", "-F", "499", "-g", "-p", processId.ToString(CultureInfo.InvariantCulture),
            "-o", output, "--", "sleep", options.Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)]);
    }

    private static async Task WaitForExitAsync(ChildProcess process, TimeSpan limit)
    {
        long started = Stopwatch.GetTimestamp();
        while (!process.HasExited && Stopwatch.GetElapsedTime(started) < limit)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private static async Task WaitHealthyAsync(HttpClient http, ChildProcess controller, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(90))
        {
            if (controller.HasExited)
            {
                throw new InvalidOperationException($"the controller exited at start:\n{controller.Output}");
            }

            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"the controller did not become healthy:\n{controller.Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
