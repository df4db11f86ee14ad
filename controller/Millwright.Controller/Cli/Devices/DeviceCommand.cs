using Millwright.Controller.Devices;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Storage.Sqlite;

namespace Millwright.Controller.Cli.Devices;

/// <summary>
/// `millwright device …`: the registry verbs, run directly against the database in the data directory (safe while
/// the controller runs: SQLite serializes the writers, and the controller picks the change up within seconds).
/// </summary>
internal static class DeviceCommand
{
    internal const string Usage =
        """
        usage: millwright device <verb> [options]      (every verb takes --data-dir D; default $MILLWRIGHT_DATA_DIR or ./data)

          add <id> [--import-secret-file F | --import-secret-stdin]
                       register a device; prints its new secret once (or imports one: 64 hex digits or 32 raw bytes)
          list         every device: enabled, epoch, last seen, last sequence, acked watermark, open gaps
          show <id>    one device: activity, health from its status, gaps, key generations (never the secret)
          disable <id> refuse its MQTT login and quarantine its frames as "disabled"
          enable <id>  undo disable
          rotate-key <id> [--margin N]
                       new secret, same sequence space; the old key still verifies frames below the cut-over
                       (highest sequence seen + reported outbox depth + N, default N = 10000); prints the secret once
          replace <id> [--import-secret-file F | --import-secret-stdin]
                       a new node under the same id: new secret and new epoch (sequence numbers restart at 1);
                       every older key stops working at once; prints the secret once
        """;

    public static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error, Func<Stream> openStandardInput)
    {
        if (args.Length > 0 && args[0] is "help" or "--help" or "-h")
        {
            output.WriteLine(Usage);
            return 0;
        }

        DeviceArguments parsed;
        try
        {
            parsed = DeviceArguments.Parse(args);
        }
        catch (UsageException e)
        {
            error.WriteLine($"millwright device: {e.Message}");
            error.WriteLine(Usage);
            return 2;
        }

        try
        {
            return RunAsync(parsed, output, openStandardInput, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (DeviceRegistryException e)
        {
            error.WriteLine($"millwright device {parsed.Verb}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(DeviceArguments args, TextWriter output, Func<Stream> openStandardInput, CancellationToken cancellationToken)
    {
        string dataDirectory = DataDirectoryResolver.Resolve(args.DataDirectory, Environment.GetEnvironmentVariable);
        if (args.Verb != "add" && !File.Exists(Path.Combine(dataDirectory, SqliteStoreOptions.DatabaseFileName)))
        {
            throw new DeviceRegistryException(
                $"no database in {dataDirectory} (add a device first, start the controller there, or pass --data-dir)");
        }

        byte[]? imported = ReadImportedSecret(args, openStandardInput);
        // No background settling in a short-lived tool: the controller settles staged readings.
        var options = new SqliteStoreOptions(dataDirectory) { ReadingSettleCycle = TimeSpan.Zero };
        await using SqliteControllerStore store = await SqliteControllerStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        var registry = new DeviceRegistry(store, TimeProvider.System);
        string id = args.DeviceId ?? string.Empty;
        switch (args.Verb)
        {
            case "add":
                DeviceReport.Secret(output, "added", await registry.AddAsync(id, imported, cancellationToken).ConfigureAwait(false), imported is not null);
                break;
            case "list":
                DeviceReport.List(output, await registry.ListAsync(cancellationToken).ConfigureAwait(false));
                break;
            case "show":
                DeviceReport.Show(output, await registry.ShowAsync(id, cancellationToken).ConfigureAwait(false));
                break;
            case "disable" or "enable":
                await registry.SetEnabledAsync(id, args.Verb == "enable", cancellationToken).ConfigureAwait(false);
                output.WriteLine(args.Verb == "enable"
                    ? $"enabled device {id}"
                    : $"disabled device {id}: MQTT login refused, frames quarantined as \"{QuarantineReason.Disabled}\"");
                break;
            case "rotate-key":
                DeviceReport.Secret(output, "rotated the key of", await registry.RotateKeyAsync(id, args.Margin, cancellationToken).ConfigureAwait(false), false);
                break;
            case "replace":
                DeviceReport.Secret(output, "replaced", await registry.ReplaceAsync(id, imported, cancellationToken).ConfigureAwait(false), imported is not null);
                break;
        }

        return 0;
    }

    private static byte[]? ReadImportedSecret(DeviceArguments args, Func<Stream> openStandardInput)
    {
        if (args.ImportSecretFile is { } file)
        {
            if (!File.Exists(file))
            {
                throw new DeviceRegistryException($"no secret file '{file}'");
            }

            return DeviceSecret.Parse(File.ReadAllBytes(file));
        }

        if (!args.ImportSecretStdin)
        {
            return null;
        }

        using Stream input = openStandardInput();
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return DeviceSecret.Parse(buffer.ToArray());
    }
}
