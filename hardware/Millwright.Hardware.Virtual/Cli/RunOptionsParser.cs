using Millwright.Hardware.Virtual.Board;
using Millwright.Hardware.Virtual.Clock;
using Millwright.Hardware.Virtual.Flash;
using Millwright.Hardware.Virtual.Fleet;
using Millwright.Hardware.Virtual.Machine;
using Millwright.Protocol.Topics;

namespace Millwright.Hardware.Virtual.Cli;

/// <summary>The `run` verb's options as <see cref="VirtualBoardOptions"/>, including where the device secret comes from.</summary>
internal static class RunOptionsParser
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal)
    {
        "--tls", "--no-console", "--no-fsync", "--quiet",
    };

    public static VirtualBoardOptions Parse(OptionReader options, TextWriter output)
    {
        string dataDirectory = Path.GetFullPath(options.RequiredText("--data-dir"));
        string? deviceId = Identifier(options.Text("--device-id"), "--device-id");
        string? plantId = Identifier(options.Text("--plant"), "--plant");
        string? broker = options.Text("--broker");
        if (deviceId is not null && (plantId is null || broker is null))
        {
            throw new UsageException("--device-id needs --plant and --broker too (or none of them, to provision over the console)");
        }

        BrokerAddress? address = broker is null ? null : BrokerAddress.Parse(broker);
        string? caFile = options.Text("--ca-file");
        string? machineFile = options.Text("--machine");
        var board = new VirtualBoardOptions
        {
            DataDirectory = dataDirectory,
            BoardFile = BoardFileLocator.Resolve(options.Text("--board")),
            DeviceId = deviceId,
            PlantId = plantId,
            BrokerHost = address?.Host,
            BrokerPort = address?.Port ?? 1883,
            BrokerTls = options.Flag("--tls"),
            CaCertificatePem = caFile is null ? null : File.ReadAllText(caFile),
            Secret = SecretOf(options.Text("--secret-file"), dataDirectory, deviceId, output),
            TimeScale = options.Number("--time-scale", SimulatedTimeline.MinimumScale, SimulatedTimeline.MaximumScale) ?? 1.0,
            Seed = options.Integer("--seed", int.MinValue, int.MaxValue) ?? 1,
            SamplePeriodMilliseconds = options.Integer("--sample-period-ms", 100, 3_600_000),
            Utc = options.Text("--utc") switch
            {
                null or "host" => UtcMode.Host,
                "unsynced" => UtcMode.Unsynced,
                _ => throw new UsageException("--utc must be host or unsynced"),
            },
            Console = !options.Flag("--no-console"),
            ConsoleLinkPath = options.Text("--pty-link"),
            SyncWrites = !options.Flag("--no-fsync"),
            StatusIntervalSeconds = options.Number("--status-interval-s", 0.1, 86_400) ?? 60,
            Machine = machineFile is null ? new MachineParameters() : MachineParameters.Load(machineFile),
        };
        return board;
    }

    public static string? Identifier(string? value, string option)
    {
        if (value is not null && !Identifiers.IsValid(value))
        {
            throw new UsageException($"{option} must be 1-32 characters of a-z, 0-9, '-' and '_', starting with a letter or digit");
        }

        return value;
    }

    // The secret to install when the flash has none: the given file, else the data directory's own device.secret,
    // else (a new device being provisioned) a new one, written there and announced once.
    private static byte[]? SecretOf(string? secretFile, string dataDirectory, string? deviceId, TextWriter output)
    {
        if (secretFile is not null)
        {
            return SecretFile.Read(secretFile);
        }

        string own = Path.Combine(dataDirectory, FleetRegistration.SecretFileName);
        if (File.Exists(own))
        {
            return SecretFile.Read(own);
        }

        if (deviceId is null || HasInstalledSecret(dataDirectory))
        {
            return null;
        }

        Directory.CreateDirectory(dataDirectory);
        byte[] secret = SecretFile.Generate(own);
        output.WriteLine($"new device {deviceId}: secret in {own}; register it with: millwright device add {deviceId} --import-secret-file {own}");
        return secret;
    }

    private static bool HasInstalledSecret(string dataDirectory)
    {
        string flash = Path.Combine(dataDirectory, "flash");
        return Directory.Exists(flash) && new FileKeyStore(new FileRecordStore(flash, long.MaxValue, syncWrites: false)).HasSecret;
    }
}
