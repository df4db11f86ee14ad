using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Devices;
using Millwright.Controller.Hosting;
using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Demo;

/// <summary>
/// `millwright demo`: the real pieces as far as they exist. In a fresh temporary directory it starts the controller
/// in this process (embedded MQTT broker, SQLite store, ingest, HTTP API) on free ports, builds the virtual board and
/// runs a fleet of it as a child process (the unmodified firmware on virtual hardware), registers each board's secret
/// as the fleet announces it, prints a status line every few seconds, then stops the fleet and reports what the
/// controller stored. Exit code 0 when frames of every device were stored and the log was anchored and one frame proven against the chain, else 1.
/// </summary>
internal static class FleetDemo
{
    private const string Plant = "plant";
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AnchorWait = TimeSpan.FromSeconds(60);

    internal static int Run(DemoOptions options, TextWriter output, TextWriter error)
    {
        if (options.Protocol)
        {
            return ProtocolDemo.Run(options, output);
        }

        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        return RunAsync(options, output, error, stop.Token).GetAwaiter().GetResult();
    }

    internal static async Task<int> RunAsync(DemoOptions options, TextWriter output, TextWriter error, CancellationToken stop)
    {
        string? repository = FindRepository(AppContext.BaseDirectory) ?? FindRepository(Environment.CurrentDirectory);
        if (repository is null)
        {
            error.WriteLine("millwright demo: cannot find the repository (Embedded.sln) above " + AppContext.BaseDirectory +
                            "; run it from a clone, or use `millwright demo --protocol`");
            return 1;
        }

        string work = Path.Combine(Path.GetTempPath(), "millwright-demo-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        int mqttPort = FreePort();
        int apiPort = FreePort();
        output.WriteLine($"millwright demo: the controller and {options.Devices} virtual sensor node(s) running the real firmware, " +
                         $"{options.Seconds} s at time scale {options.TimeScale.ToString(CultureInfo.InvariantCulture)}, seed {options.Seed}");
        output.WriteLine($"  work directory {work} (logs, controller database, boards' flash)");
        output.Flush();

        string fleetDll = options.FleetAssembly ?? await BuildVirtualBoardAsync(repository, work, output, error, stop).ConfigureAwait(false) ?? string.Empty;
        if (fleetDll.Length == 0)
        {
            return 1;
        }

        string[] controllerArgs =
        [
            "--data-dir", Path.Combine(work, "controller"),
            "--plant", Plant,
            "--urls", $"http://127.0.0.1:{apiPort}",
            "--mqtt-bind", "127.0.0.1",
            "--mqtt-port", mqttPort.ToString(CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft=Warning",
            .. DemoAnchoring.ControllerArguments,
        ];
        WebApplication app = ControllerHost.Build(controllerArgs, TextWriter.Null);
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(stop).ConfigureAwait(false);
            IControllerStore store = app.Services.GetRequiredService<IControllerStore>();
            DeviceRegistry registry = app.Services.GetRequiredService<DeviceRegistry>();
            output.WriteLine($"  controller: embedded MQTT broker 127.0.0.1:{mqttPort}, HTTP API http://127.0.0.1:{apiPort}, SQLite in {Path.Combine(work, "controller")}");

            string fleetDirectory = Path.Combine(work, "fleet");
            string[] fleetArgs =
            [
                fleetDll, "fleet",
                "--count", options.Devices.ToString(CultureInfo.InvariantCulture),
                "--plant", Plant,
                "--broker", $"127.0.0.1:{mqttPort}",
                "--data-dir", fleetDirectory,
                "--board", Path.Combine(repository, "hardware", "boards", "virtual.json"),
                "--time-scale", options.TimeScale.ToString(CultureInfo.InvariantCulture),
                "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
                "--sample-period-ms", "1000",
                "--status-interval-s", "5",
                // If this process dies without cleaning up, the fleet still ends by itself.
                "--duration-s", (options.Seconds + 120).ToString(CultureInfo.InvariantCulture),
            ];
            using DemoChildProcess fleet = DemoChildProcess.Start(DemoChildProcess.DotnetHost, fleetArgs, repository, Path.Combine(work, "fleet.log"));
            output.WriteLine($"  fleet: {options.Devices} board(s) in child process {fleet.Id} (log {Path.Combine(work, "fleet.log")})");
            output.Flush();

            var registered = new SortedSet<string>(StringComparer.Ordinal);
            var watch = Stopwatch.StartNew();
            TimeSpan nextStatus = StatusEvery;
            try
            {
                while (watch.Elapsed < TimeSpan.FromSeconds(options.Seconds) && !stop.IsCancellationRequested)
                {
                    await RegisterNewAsync(Path.Combine(fleetDirectory, "registrations.csv"), registered, registry, output, stop).ConfigureAwait(false);
                    if (fleet.HasExited)
                    {
                        error.WriteLine($"millwright demo: the fleet exited early with code {fleet.ExitCode} (see {Path.Combine(work, "fleet.log")})");
                        break;
                    }

                    if (watch.Elapsed >= nextStatus)
                    {
                        await PrintStatusAsync(store, watch.Elapsed, options.Devices, registered.Count, output, stop).ConfigureAwait(false);
                        nextStatus += StatusEvery;
                    }

                    await Task.Delay(200, stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                output.WriteLine("  interrupted: stopping");
            }

            output.WriteLine("  stopping the fleet (SIGTERM: each board's connection drops and the broker publishes its Will)");
            output.Flush();
            await fleet.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            // Let the ingest pipeline store what arrived and the Wills land.
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
            string? failure = await DemoSummary.WriteAsync(store, registered, Path.Combine(repository, "hardware", "boards", "virtual.json"), output, CancellationToken.None).ConfigureAwait(false);
            bool anchored = await DemoAnchoring.WriteAsync(store, app.Services.GetRequiredService<AnchorStatus>(),
                app.Services.GetRequiredService<AnchorChainConnection>(), Path.Combine(work, "controller"), AnchorWait, output, CancellationToken.None).ConfigureAwait(false);
            failure ??= anchored ? null : "the log was not anchored (see above)";
            output.WriteLine();
            output.WriteLine(failure is null
                ? $"result: OK — frames from all {registered.Count} device(s) verified, stored, anchored and provable"
                : $"result: FAILED — {failure}");
            output.WriteLine($"  inspect it: dotnet run --project controller/Millwright.Controller -- device list --data-dir {Path.Combine(work, "controller")}");
            output.Flush();
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return failure is null ? 0 : 1;
        }
    }

    private static async Task<string?> BuildVirtualBoardAsync(string repository, string work, TextWriter output, TextWriter error, CancellationToken stop)
    {
        string project = Path.Combine(repository, "hardware", "Millwright.Hardware.Virtual", "Millwright.Hardware.Virtual.csproj");
        output.WriteLine("  building the virtual board (dotnet build -c Release; quick when up to date) ...");
        output.Flush();
        string log = Path.Combine(work, "build.log");
        using DemoChildProcess build = DemoChildProcess.Start(DemoChildProcess.DotnetHost, ["build", project, "-c", "Release", "--nologo", "-v", "q"], repository, log);
        try
        {
            await build.WaitForExitAsync(TimeSpan.FromMinutes(10), stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (!build.HasExited || build.ExitCode != 0)
        {
            error.WriteLine($"millwright demo: building the virtual board failed (log {log}):");
            build.Dispose();
            foreach (string line in File.ReadLines(log).TakeLast(20))
            {
                error.WriteLine("  " + line);
            }

            return null;
        }

        string dll = Path.Combine(Path.GetDirectoryName(project)!, "bin", "Release", "net10.0", "Millwright.Hardware.Virtual.dll");
        if (!File.Exists(dll))
        {
            error.WriteLine($"millwright demo: the build succeeded but {dll} is missing");
            return null;
        }

        return dll;
    }

    /// <summary>Reads the fleet's registrations.csv (device_id,secret_hex) and adds every device not yet added.</summary>
    private static async Task RegisterNewAsync(string file, SortedSet<string> registered, DeviceRegistry registry, TextWriter output, CancellationToken stop)
    {
        if (!File.Exists(file))
        {
            return;
        }

        string[] lines;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            lines = (await reader.ReadToEndAsync(stop).ConfigureAwait(false)).Split('\n');
        }
        catch (IOException)
        {
            return;
        }

        foreach (string line in lines)
        {
            string[] fields = line.Trim().Split(',');
            if (fields.Length != 2 || fields[1].Length != 64 || registered.Contains(fields[0]) || fields[0] == "device_id")
            {
                continue;
            }

            byte[] secret;
            try
            {
                secret = Convert.FromHexString(fields[1]);
            }
            catch (FormatException)
            {
                continue; // a line still being written
            }

            await registry.AddAsync(fields[0], secret, stop).ConfigureAwait(false);
            registered.Add(fields[0]);
            output.WriteLine($"  registered {fields[0]} (secret imported from the fleet's registrations.csv, as `millwright device add {fields[0]} --import-secret-file` does)");
        }
    }

    private static async Task PrintStatusAsync(IControllerStore store, TimeSpan elapsed, int devices, int registered, TextWriter output, CancellationToken stop)
    {
        IReadOnlyList<DeviceOverview> overviews = await store.ListDeviceOverviewsAsync(stop).ConfigureAwait(false);
        long frames = await store.CountFramesAsync(stop).ConfigureAwait(false);
        long quarantined = (await store.CountQuarantineByReasonAsync(stop).ConfigureAwait(false)).Values.Sum();
        int online = overviews.Count(o => o.Health?.Online == true);
        int storing = overviews.Count(o => o.Activity is { FramesStored: > 0 });
        output.WriteLine($"  t={elapsed.TotalSeconds:0}s registered={registered}/{devices} online={online} storing={storing} frames stored={frames} quarantined={quarantined}");
        output.Flush();
    }

    internal static string? FindRepository(string start)
    {
        for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Embedded.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
