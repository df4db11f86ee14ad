using Millwright.Controller.Provisioning;
using Millwright.Protocol.Topics;

namespace Millwright.Controller.Cli;

/// <summary>
/// The options of `millwright provision`. Secrets (device secret, Wi-Fi password, API token) are read from files or
/// standard input only: an option that would carry one on the command line does not exist.
/// </summary>
internal sealed class ProvisionArguments
{
    public string Port { get; private set; } = string.Empty;
    public int BaudRate { get; private set; } = 115200;
    public string? BoardFile { get; private set; }
    private bool BaudSet { get; set; }
    public string? DeviceId { get; private set; }
    public string? PlantId { get; private set; }
    public string? BrokerHost { get; private set; }
    public int BrokerPort { get; private set; } = 1883;
    public bool BrokerTls { get; private set; }
    public string? WifiSsid { get; private set; }
    public string? WifiPasswordFile { get; private set; }
    public bool WifiPasswordStdin { get; private set; }
    public bool WifiImprov { get; private set; }
    public int? SamplePeriodMilliseconds { get; private set; }
    public string? SecretFile { get; private set; }
    public bool SecretStdin { get; private set; }
    public bool KeepSecret { get; private set; }
    public bool Replace { get; private set; }
    public bool Rotate { get; private set; }
    public bool Yes { get; private set; }
    public Uri? Controller { get; private set; }
    public string? TokenFile { get; private set; }
    public string? DataDirectory { get; private set; }
    public int TimeoutSeconds { get; private set; } = 90;
    public string? BulkFile { get; private set; }

    public static ProvisionArguments Parse(ReadOnlySpan<string> args)
    {
        var parsed = new ProvisionArguments();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--port": parsed.Port = Value(args, ref i); break;
                case "--baud": parsed.BaudRate = OptionReader.ReadInt(args, ref i, 1200, 5_000_000); parsed.BaudSet = true; break;
                case "--board": parsed.BoardFile = Value(args, ref i); break;
                case "--device-id": parsed.DeviceId = Identifier(Value(args, ref i), name); break;
                case "--plant": parsed.PlantId = Identifier(Value(args, ref i), name); break;
                case "--broker": (parsed.BrokerHost, parsed.BrokerPort) = Broker(Value(args, ref i)); break;
                case "--tls": parsed.BrokerTls = true; break;
                case "--wifi-ssid": parsed.WifiSsid = Value(args, ref i); break;
                case "--wifi-password-file": parsed.WifiPasswordFile = Value(args, ref i); break;
                case "--wifi-password-stdin": parsed.WifiPasswordStdin = true; break;
                case "--wifi-improv": parsed.WifiImprov = true; break;
                case "--sample-period-ms": parsed.SamplePeriodMilliseconds = OptionReader.ReadInt(args, ref i, 0, 3_600_000); break;
                case "--secret-file": parsed.SecretFile = Value(args, ref i); break;
                case "--secret-stdin": parsed.SecretStdin = true; break;
                case "--keep-secret": parsed.KeepSecret = true; break;
                case "--replace": parsed.Replace = true; break;
                case "--rotate": parsed.Rotate = true; break;
                case "--yes" or "-y": parsed.Yes = true; break;
                case "--controller": parsed.Controller = Url(Value(args, ref i)); break;
                case "--token-file": parsed.TokenFile = Value(args, ref i); break;
                case "--data-dir": parsed.DataDirectory = Value(args, ref i); break;
                case "--timeout-s": parsed.TimeoutSeconds = OptionReader.ReadInt(args, ref i, 1, 3600); break;
                case "--bulk": parsed.BulkFile = Value(args, ref i); break;
                default: throw Unknown(name, i);
            }
        }

        parsed.Check();
        return parsed;
    }

    private void Check()
    {
        if (Port.Length == 0)
        {
            throw new UsageException("--port is required (the serial device: /dev/ttyUSB0, COM5, /dev/cu.usbserial-…)");
        }

        if (BulkFile is null && (DeviceId is null || PlantId is null || BrokerHost is null))
        {
            throw new UsageException("--device-id, --plant and --broker are required (or --bulk FILE.csv)");
        }

        if (SecretFile is not null && SecretStdin)
        {
            throw new UsageException("--secret-file and --secret-stdin exclude each other");
        }

        if (KeepSecret && SecretFile is null && !SecretStdin)
        {
            throw new UsageException("--keep-secret needs the node's current secret (--secret-file or --secret-stdin) to prove it");
        }

        if (SecretStdin && WifiPasswordStdin)
        {
            throw new UsageException("only one of --secret-stdin and --wifi-password-stdin can read standard input");
        }

        if (BulkFile is not null && (SecretFile is not null || SecretStdin || KeepSecret || Replace || Rotate || DeviceId is not null))
        {
            throw new UsageException("--bulk generates a secret per node: --device-id, --secret-file, --secret-stdin, --keep-secret, --replace and --rotate are for one node");
        }

        CheckWifi();
        if (BoardFile is not null && BaudSet)
        {
            throw new UsageException("--baud and --board exclude each other (the board file gives the console's baud rate)");
        }

        if (Controller is not null == DataDirectory is not null)
        {
            throw new UsageException("give the registry: --controller URL (with --token-file or MILLWRIGHT_API_TOKEN) or --data-dir D on the plant server");
        }
    }

    /// <summary>
    /// A word the parser does not know is not repeated whole: it may be a secret typed inline ("--secret=…", or the hex
    /// pasted on its own), and error output ends up in logs. An option is named up to its '=', anything else by position.
    /// </summary>
    private static UsageException Unknown(string word, int index)
    {
        if (!word.StartsWith("--", StringComparison.Ordinal))
        {
            return new UsageException($"argument {index + 1} is not an option (not shown, in case it is a secret); options start with --");
        }

        string name = word.Split('=', 2)[0];
        return name switch
        {
            "--secret" or "--wifi-password" or "--token" or "--api-token" =>
                new UsageException($"{name} is not accepted on the command line (it would stay in the shell history and show in ps): use {SafeAlternative(name)}"),
            _ when name.Length < word.Length => new UsageException($"write {name} VALUE, not {name}=VALUE (the value is not shown)"),
            _ => new UsageException($"unknown option '{name}'"),
        };
    }

    private static string SafeAlternative(string name) => name switch
    {
        "--secret" => "--secret-file F or --secret-stdin",
        "--wifi-password" => "--wifi-password-file F or --wifi-password-stdin",
        _ => "--token-file F or the MILLWRIGHT_API_TOKEN environment variable",
    };

    private void CheckWifi()
    {
        bool password = WifiPasswordFile is not null || WifiPasswordStdin;
        if (WifiPasswordFile is not null && WifiPasswordStdin)
        {
            throw new UsageException("--wifi-password-file and --wifi-password-stdin exclude each other");
        }

        // In bulk mode the SSID may come from the sheet's wifi-ssid column, the password from here.
        if (BulkFile is null && WifiSsid is null && (password || WifiImprov))
        {
            throw new UsageException("--wifi-password-file, --wifi-password-stdin and --wifi-improv go with --wifi-ssid");
        }

        if (WifiSsid is not null && !password)
        {
            // Without this a forgotten password option would silently make the node join an open network.
            throw new UsageException("--wifi-ssid needs --wifi-password-file F or --wifi-password-stdin (an empty file for an open network)");
        }
    }

    private static string Value(ReadOnlySpan<string> args, ref int index)
    {
        if (index + 1 >= args.Length || args[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException($"{args[index]} takes a value");
        }

        return args[++index];
    }

    private static string Identifier(string value, string option) =>
        Identifiers.IsValid(value) ? value : throw new UsageException($"{option} must be 1-32 characters of a-z, 0-9, '-' and '_', starting with a letter or digit");

    private static (string Host, int Port) Broker(string text) =>
        BrokerAddress.TryParse(text, out string host, out int port, out string? problem)
            ? (host, port)
            : throw new UsageException("--broker " + problem);

    private static Uri Url(string text) =>
        Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException("--controller takes the controller's URL, e.g. http://plant-server:8080");
}
