using System.Security.Cryptography;
using Millwright.Controller.Cli.Devices;
using Millwright.Controller.Devices;
using Millwright.Controller.Provisioning;
using Millwright.Firmware.Board;

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
                 [--baud N | --board FILE-OR-NAME] [--timeout-s N] [--yes]
               millwright provision --port DEV (--controller URL | --data-dir D) --bulk NODES.csv
                 [--plant P] [--broker HOST[:PORT]] [--tls] [--wifi-ssid S] ... [--yes]
                 one node after another on the same port; --yes: no questions, each next node is awaited on the port

        The API token comes from --token-file or $MILLWRIGHT_API_TOKEN; secrets never go on the command line.
        Exit codes: 0 done, 1 a step (or a node of the sheet) failed, 2 a mistake in the command line or the sheet.
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
        catch (BulkSheetException e)
        {
            error.WriteLine($"millwright provision: {e.Message}");
            error.WriteLine("nothing was written to any node or to the registry");
            return 2;
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
        (int baud, string framing) = ConsoleSettings(args, output);
        string? wifiPassword = args.WifiPasswordFile is not null ? File.ReadAllText(args.WifiPasswordFile).TrimEnd('\r', '\n')
            : args.WifiPasswordStdin ? HiddenInput.ReadLine(input, "Wi-Fi password") : null;
        byte[]? secret = args.SecretFile is not null ? DeviceSecret.Parse(File.ReadAllBytes(args.SecretFile))
            : args.SecretStdin ? DeviceSecret.Parse(System.Text.Encoding.ASCII.GetBytes(HiddenInput.ReadLine(input, "device secret (hex)"))) : null;
        try
        {
            ProvisioningRequest request = Request(args, wifiPassword, secret);

            // The whole sheet is checked before the registry or any node is touched.
            IReadOnlyList<BulkRow>? rows = args.BulkFile is null ? null : BulkSheet.Read(args.BulkFile, request, wifiPassword is not null);
            await using IRegistryAccess registry = await OpenRegistryAsync(args, cancellationToken).ConfigureAwait(false);
            var progress = new ProgressDisplay(output);
            bool Confirm(string question)
            {
                output.Write($"        {question} [y/N] ");
                output.Flush();
                return (input.ReadLine() ?? string.Empty).Trim() is "y" or "Y" or "yes";
            }

            ISerialLine Open() => SerialPortLine.Open(args.Port, baud, framing);
            if (rows is null)
            {
                output.WriteLine($"provisioning {request.DeviceId} on {args.Port}");
                using ISerialLine line = Open();
                ProvisioningResult result = await new Provisioner(new ConsoleClient(line, ConsoleReplyTimeout), registry, progress, Confirm).RunAsync(request, cancellationToken).ConfigureAwait(false);
                output.WriteLine($"done: {result.DeviceId} provisioned, key {result.KeyId}, epoch {result.Epoch}, first frame stored (sequence {result.FirstSequence})");
                return 0;
            }

            var bulk = new BulkProvisioner(Open, registry, progress, input, Confirm) { PortName = args.Port, Unattended = args.Yes, ReplyTimeout = ConsoleReplyTimeout };
            IReadOnlyList<BulkOutcome> outcomes = await bulk.RunAsync(rows, cancellationToken).ConfigureAwait(false);
            BulkProvisioner.WriteSummary(output, outcomes);
            return outcomes.All(o => o.Status == BulkStatus.Provisioned) ? 0 : 1;
        }
        finally
        {
            if (secret is not null)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }

    /// <summary>The command line's node (in bulk mode, the defaults for the sheet's empty cells).</summary>
    private static ProvisioningRequest Request(ProvisionArguments args, string? wifiPassword, byte[]? secret) =>
        new()
        {
            DeviceId = args.DeviceId ?? string.Empty,
            PlantId = args.PlantId ?? string.Empty,
            BrokerHost = args.BrokerHost ?? string.Empty,
            BrokerPort = args.BrokerPort,
            BrokerTls = args.BrokerTls,
            WifiSsid = args.WifiSsid,
            WifiPassword = wifiPassword,
            WifiViaImprov = args.WifiImprov,
            SamplePeriodMilliseconds = args.SamplePeriodMilliseconds,
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

    /// <summary>Baud rate and framing: the board file's with --board, else --baud (default 115200) and 8N1.</summary>
    private static (int BaudRate, string Framing) ConsoleSettings(ProvisionArguments args, TextWriter output)
    {
        if (args.BoardFile is null)
        {
            return (args.BaudRate, SerialFraming.Default);
        }

        BoardConsole board = BoardConsole.Find(args.BoardFile, BoardConsole.DefaultDirectories());
        output.WriteLine($"board {board.BoardName} ({board.Source}): console {board.BaudRate} baud, {board.Framing}");
        return (board.BaudRate, board.Framing);
    }
}
