using System.Text;
using System.Text.RegularExpressions;
using Millwright.Controller.Cli;
using Millwright.Controller.Cli.Devices;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Storage.Sqlite;
using Millwright.Controller.Tests.Storage;

namespace Millwright.Controller.Tests.Cli.Devices;

/// <summary>The `millwright device` verbs end to end in this process, against a real database in a temp directory.</summary>
public sealed partial class DeviceCommandTests : IDisposable
{
    private readonly string _dataDirectory = TempStore.NewDirectory();

    [Fact]
    public void AddPrintsTheSecretOnceAndListAndShowNeverDo()
    {
        (int code, string output, _) = Run("device", "add", "press-01");
        Assert.Equal(0, code);
        string secret = SecretLine().Match(output).Groups[1].Value;
        Assert.Equal(64, secret.Length);
        Assert.Single(Regex.Matches(output, secret));
        Assert.Contains("shown ONCE", output, StringComparison.Ordinal);

        (int listCode, string list, _) = Run("device", "list");
        (int showCode, string show, _) = Run("device", "show", "press-01");
        Assert.Equal((0, 0), (listCode, showCode));
        Assert.Contains("press-01", list, StringComparison.Ordinal);
        Assert.Contains("enabled", list, StringComparison.Ordinal);
        Assert.Contains("last seen   never", show, StringComparison.Ordinal);
        Assert.Contains("generation 1 epoch 1 key id", show, StringComparison.Ordinal);
        foreach (string text in new[] { list, show })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secret:", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ImportsASecretFromAFileWithoutPrintingIt()
    {
        string file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".secret");
        File.WriteAllText(file, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n");
        try
        {
            (int code, string output, _) = Run("device", "add", "press-01", "--import-secret-file", file);

            Assert.Equal(0, code);
            Assert.Contains("key id 4bec36775946ed6c", output, StringComparison.Ordinal);
            Assert.Contains("secret imported (not shown)", output, StringComparison.Ordinal);
            Assert.DoesNotContain("0001020304", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ImportsASecretFromStandardInput()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        byte[] input = Encoding.ASCII.GetBytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

        int code = DeviceCommand.Run(["add", "press-01", "--import-secret-stdin", "--data-dir", _dataDirectory], output, error, () => new MemoryStream(input));

        Assert.Equal(0, code);
        Assert.Contains("key id 4bec36775946ed6c", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--secret")]
    [InlineData("--import-secret")]
    public void NeverTakesASecretOnTheCommandLine(string option)
    {
        (int code, string output, string error) = Run("device", "add", "press-01", option, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

        Assert.Equal(2, code);
        Assert.Contains("never taken from the command line", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(File.Exists(Path.Combine(_dataDirectory, SqliteStoreOptions.DatabaseFileName)));
    }

    [Theory]
    [InlineData("device needs a verb", "device")]
    [InlineData("unknown device verb 'remove'", "device", "remove", "a")]
    [InlineData("device show needs a device id", "device", "show")]
    [InlineData("--margin takes a whole number", "device", "rotate-key", "a", "--margin", "0")]
    [InlineData("device list does not take --margin", "device", "list", "--margin", "5")]
    [InlineData("use either --import-secret-file or --import-secret-stdin", "device", "add", "a", "--import-secret-file", "f", "--import-secret-stdin")]
    public void MistakesPrintWhatWasExpected(string expected, params string[] args)
    {
        (int code, _, string error) = Run(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("usage: millwright device", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVerbsWithoutADatabaseSayWhereTheyLooked()
    {
        (int code, _, string error) = Run("device", "list");

        Assert.Equal(1, code);
        Assert.Contains($"no database in {_dataDirectory}", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory));
    }

    [Fact]
    public void DisableEnableRotateAndReplaceWorkAgainstTheDatabase()
    {
        Run("device", "add", "a");
        (int disable, string disabled, _) = Run("device", "disable", "a");
        Assert.Equal(0, disable);
        Assert.Contains("quarantined as \"Disabled\"", disabled, StringComparison.Ordinal);
        Assert.Contains("disabled", Run("device", "list").Output, StringComparison.Ordinal);
        Assert.Equal(0, Run("device", "enable", "a").Code);

        (int rotate, string rotated, _) = Run("device", "rotate-key", "a", "--margin", "500");
        Assert.Equal(0, rotate);
        Assert.Contains("below 500", rotated, StringComparison.Ordinal);
        Assert.Matches(SecretLine(), rotated);

        (int replace, string replaced, _) = Run("device", "replace", "a");
        Assert.Equal(0, replace);
        Assert.Contains("epoch 2", replaced, StringComparison.Ordinal);
        Assert.Matches(SecretLine(), replaced);

        string show = Run("device", "show", "a").Output;
        Assert.Contains("epoch       2 (key generation 3)", show, StringComparison.Ordinal);
        Assert.Contains("generation 2 epoch 1", show, StringComparison.Ordinal);
        Assert.Contains("replaced", show, StringComparison.Ordinal);

        (int unknown, _, string error) = Run("device", "disable", "nobody");
        Assert.Equal(1, unknown);
        Assert.Contains("no device 'nobody'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowReportsWhatTheControllerStored()
    {
        Run("device", "add", "a");
        await using (SqliteControllerStore store = await SqliteControllerStore.OpenAsync(_dataDirectory, TestContext.Current.CancellationToken))
        {
            await store.StoreFramesAsync([TestFrames.Readings("a", 1), TestFrames.Readings("a", 4), TestFrames.Gap("a", 6, 5, 5)], TestContext.Current.CancellationToken);
            await store.UpdateDeviceHealthAsync(new DeviceHealth
            {
                DeviceId = "a", BootCounter = 3, StatusTimeMicros = TestFrames.BaseTimeMicros, TimeQuality = Millwright.Protocol.Messages.TimeQuality.Sntp,
                ReceivedAt = TestFrames.ReceivedAt, Online = true, FirmwareVersion = "0.9.1", Board = "esp32-devkitc", Channels = [1, 2],
                Rssi = -61, OutboxDepth = 2, ResetReason = "power-on", FailedComponents = ["bme280"],
            }, TestContext.Current.CancellationToken);
        }

        string show = Run("device", "show", "a").Output;
        string list = Run("device", "list").Output;

        Assert.Contains("sequence 6 (epoch 1), boot 3, 3 frames stored", show, StringComparison.Ordinal);
        Assert.Contains("acked (contiguous) 1, highest 6, open gaps 1", show, StringComparison.Ordinal);
        Assert.Contains("epoch 1: 2..3 (2 missing)", show, StringComparison.Ordinal);
        Assert.Contains("epoch 1: 5..5 dropped (OutboxOverflow), record 6", show, StringComparison.Ordinal);
        Assert.Contains("firmware 0.9.1, board esp32-devkitc", show, StringComparison.Ordinal);
        Assert.Contains("failed components: bme280", show, StringComparison.Ordinal);
        Assert.Contains("online", list, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDataDirectoryComesFromTheFlagThenTheEnvironmentThenTheDefault()
    {
        var environment = new Dictionary<string, string?>
        {
            ["MILLWRIGHT_DATA_DIR"] = "/srv/a",
            ["Millwright__DataDirectory"] = "/srv/b",
        };

        Assert.Equal("/srv/flag", DataDirectoryResolver.Resolve("/srv/flag", environment.GetValueOrDefault));
        Assert.Equal("/srv/a", DataDirectoryResolver.Resolve(null, environment.GetValueOrDefault));
        environment.Remove("MILLWRIGHT_DATA_DIR");
        Assert.Equal("/srv/b", DataDirectoryResolver.Resolve(null, environment.GetValueOrDefault));
        Assert.Equal(Path.GetFullPath("data"), DataDirectoryResolver.Resolve(null, _ => null));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run([.. args, "--data-dir", _dataDirectory], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex("secret: ([0-9a-f]{64})")]
    private static partial Regex SecretLine();
}
