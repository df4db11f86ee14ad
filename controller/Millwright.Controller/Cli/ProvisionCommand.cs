using System.Text.Json;
using Millwright.Controller.Cli.Devices;
using Millwright.Controller.Devices;
using Millwright.Controller.Provisioning;

namespace Millwright.Controller.Cli;

/// <summary>
/// `millwright provision`: a technician's laptop (or the plant server) gives a node on a serial port its identity,
/// network and secret, and checks that its first signed frame reaches the controller (docs/provisioning.md).
/// Exit codes: 0 done, 1 a step failed (named in the output), 2 usage.
/// </summary>
internal static class ProvisionCommand
{
    // A node answers a console line within milliseconds, but one that is busy flushing flash, or a virtual board on a
    // loaded machine, can take seconds; 15 s tells a dead port from a slow node without making a technician wait long.
    private static readonly TimeSpan ConsoleReplyTimeout = TimeSpan.FromSeconds(15);

    internal const string Usage =
        """
        usage: millwright provision --port DEV (--controller URL [--token-file F] | --data-dir D)
                 --device-id ID --plant P --broker HOST[:PORT] [--tls]
                 [--wifi-ssid S (--wifi-password-file F | --wifi-password-stdin) [--wifi-improv]]
                 [--sample-period-ms MS] [--secret-file F | --secret-stdin [--keep-secret]] [--replace | --rotate]
                 [--baud N | --board FILE] [--timeout-s N] [--yes]
               millwright provision --port DEV --bulk NODES.csv ... [--no-wait]   one node after another on the same port

        The API token comes from --token-file or $MILLWRIGHT_API_TOKEN; secrets never go on the command line.
        """;

    public static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error, TextReader input)
    {
        if (args.Length > 0 && args[0] is "help" or "--help" or "-h")
        {
            output.WriteLine(Usage);
            return 0;
        }

        ProvisionArguments parsed;
        try
        {
            parsed = ProvisionArguments.Parse(args);
        }
        catch (UsageException e)
        {
            error.WriteLine($"millwright provision: {e.Message}");
            error.WriteLine(Usage);
            return 2;
        }

        try
        {
            return RunAsync(parsed, output, input, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (ProvisioningException e)
        {
            new ProgressDisplay(output).Fail(e);
            return 1;
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or DeviceRegistryException)
        {
            error.WriteLine($"millwright provision: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(ProvisionArguments args, TextWriter output, TextReader input, CancellationToken cancellationToken)
    {
        int baud = args.BoardFile is null ? args.BaudRate : BaudOf(args.BoardFile);
        string? wifiPassword = args.WifiPasswordFile is not null ? File.ReadAllText(args.WifiPasswordFile).TrimEnd('\r', '\n')
            : args.WifiPasswordStdin ? input.ReadLine() ?? string.Empty : null;
        byte[]? secret = args.SecretFile is not null ? DeviceSecret.Parse(File.ReadAllBytes(args.SecretFile))
            : args.SecretStdin ? DeviceSecret.Parse(System.Text.Encoding.ASCII.GetBytes(input.ReadLine() ?? string.Empty)) : null;
        await using IRegistryAccess registry = await OpenRegistryAsync(args, cancellationToken).ConfigureAwait(false);
        var progress = new ProgressDisplay(output);
        bool Confirm(string question)
        {
            output.Write($"        {question} [y/N] ");
            output.Flush();
            return (input.ReadLine() ?? string.Empty).Trim() is "y" or "Y" or "yes";
        }

        if (args.BulkFile is null)
        {
            ProvisioningRequest request = Request(args, args.DeviceId!, args.PlantId!, args.BrokerHost!, args.BrokerPort, args.BrokerTls, args.WifiSsid, wifiPassword, args.SamplePeriodMilliseconds, secret);
            output.WriteLine($"provisioning {request.DeviceId} on {args.Port}");
            using SerialPortLine line = SerialPortLine.Open(args.Port, baud);
            var console = new ConsoleClient(line, ConsoleReplyTimeout);
            ProvisioningResult result = await new Provisioner(console, registry, progress, Confirm).RunAsync(request, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"done: {result.DeviceId} provisioned, key {result.KeyId}, epoch {result.Epoch}, first frame stored (sequence {result.FirstSequence})");
            return 0;
        }

        var rows = BulkSheet.Read(args.BulkFile);
        var outcomes = new List<string>();
        int failed = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            string deviceId = row["device-id"];
            if (!args.NoWait)
            {
                output.Write($"[{i + 1}/{rows.Count}] connect node {deviceId} to {args.Port} and press Enter (s to skip) ");
                output.Flush();
                if ((input.ReadLine() ?? "s").Trim() == "s")
                {
                    outcomes.Add($"  {deviceId,-32} skipped");
                    continue;
                }
            }

            (string host, int port) = row.TryGetValue("broker", out string? broker) ? ProvisionArguments.Broker(broker) : (args.BrokerHost ?? string.Empty, args.BrokerPort);
            output.WriteLine($"[{i + 1}/{rows.Count}] provisioning {deviceId} on {args.Port}");
            try
            {
                ProvisioningRequest request = Request(args, deviceId, row.GetValueOrDefault("plant-id", args.PlantId ?? string.Empty), host, port,
                    BulkSheet.Tls(row, args.BrokerTls), row.GetValueOrDefault("wifi-ssid", args.WifiSsid!), wifiPassword, BulkSheet.Period(row, args.SamplePeriodMilliseconds), null);
                using SerialPortLine line = SerialPortLine.Open(args.Port, baud);
                var console = new ConsoleClient(line, ConsoleReplyTimeout);
                ProvisioningResult result = await new Provisioner(console, registry, progress, Confirm).RunAsync(request, cancellationToken).ConfigureAwait(false);
                outcomes.Add($"  {deviceId,-32} ok      key {result.KeyId}, first frame sequence {result.FirstSequence}");
            }
            catch (ProvisioningException e)
            {
                progress.Fail(e);
                failed++;
                outcomes.Add($"  {deviceId,-32} FAILED  {ProgressDisplay.StepName(e.Step)}: {e.Message}");
            }
        }

        output.WriteLine($"summary: {rows.Count - failed - outcomes.Count(o => o.EndsWith("skipped", StringComparison.Ordinal))} provisioned, {failed} failed, {outcomes.Count(o => o.EndsWith("skipped", StringComparison.Ordinal))} skipped");
        foreach (string outcome in outcomes)
        {
            output.WriteLine(outcome);
        }

        return failed == 0 ? 0 : 1;
    }

    private static ProvisioningRequest Request(ProvisionArguments args, string deviceId, string plantId, string host, int port, bool tls, string? ssid, string? password, int? period, byte[]? secret) =>
        new()
        {
            DeviceId = deviceId,
            PlantId = plantId,
            BrokerHost = host,
            BrokerPort = port,
            BrokerTls = tls,
            WifiSsid = ssid,
            WifiPassword = password,
            WifiViaImprov = args.WifiImprov,
            SamplePeriodMilliseconds = period,
            Secret = secret,
            KeepSecret = args.KeepSecret,
            Replace = args.Replace,
            Rotate = args.Rotate,
            AssumeYes = args.Yes,
            FirstFrameTimeout = TimeSpan.FromSeconds(args.TimeoutSeconds),
        };

    private static async Task<IRegistryAccess> OpenRegistryAsync(ProvisionArguments args, CancellationToken cancellationToken)
    {
        if (args.Controller is null)
        {
            return await DatabaseRegistryAccess.OpenAsync(DataDirectoryResolver.Resolve(args.DataDirectory, Environment.GetEnvironmentVariable), cancellationToken).ConfigureAwait(false);
        }

        string? token = args.TokenFile is not null ? File.ReadAllText(args.TokenFile).Trim() : Environment.GetEnvironmentVariable("MILLWRIGHT_API_TOKEN");
        if (string.IsNullOrEmpty(token))
        {
            throw new ProvisioningException(ProvisioningStep.Registry, "no API token", "pass --token-file F or set MILLWRIGHT_API_TOKEN (the token printed at the controller's first start)");
        }

        return new ApiRegistryAccess(args.Controller, token);
    }

    private static int BaudOf(string boardFile)
    {
        using JsonDocument board = JsonDocument.Parse(File.ReadAllText(boardFile));
        return board.RootElement.TryGetProperty("console", out JsonElement console) && console.TryGetProperty("baudRate", out JsonElement baud)
            ? baud.GetInt32()
            : throw new FormatException($"{boardFile} has no console.baudRate");
    }
}
