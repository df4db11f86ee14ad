using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Millwright.Hardware.Virtual.Tests.Infrastructure;

/// <summary>
/// Mosquitto (the Debian package) started by the test on a free loopback port with a generated configuration: no
/// anonymous logins, a password file made with mosquitto_passwd, and an ACL that lets each device publish only its
/// frames, cmdack and status topics and read only its ack and cmd topics and the controller state (protocol.md §6.3),
/// while the test controller's user may use every topic of the plant. Installed with apt-get when missing and the
/// tests run as root.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    public const string ControllerUser = "test-controller";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installTried;

    private readonly Process _process;
    private readonly TemporaryDirectory _directory;

    private MosquittoBroker(Process process, TemporaryDirectory directory, int port, string controllerPassword)
    {
        _process = process;
        _directory = directory;
        Port = port;
        ControllerPassword = controllerPassword;
    }

    public int Port { get; }

    public string ControllerPassword { get; }

    /// <summary>Starts Mosquitto, or calls <see cref="RequiredComponent.Unavailable"/> (fail in CI, skip elsewhere).</summary>
    public static async Task<MosquittoBroker> StartAsync(string plantId, IReadOnlyDictionary<string, string> devicePasswords)
    {
        string? mosquitto = await FindOrInstallAsync();
        if (mosquitto is null || Which("mosquitto_passwd") is not { } passwd)
        {
            RequiredComponent.Unavailable("Mosquitto", "mosquitto and mosquitto_passwd not found, and apt-get install -y mosquitto did not provide them");
            throw new InvalidOperationException("unreachable");
        }

        var directory = new TemporaryDirectory();
        string controllerPassword = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        string passwordFile = directory.Sub("passwd");
        await File.WriteAllTextAsync(passwordFile, string.Empty);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await RunAsync(passwd, ["-b", passwordFile, ControllerUser, controllerPassword]);
        foreach ((string device, string password) in devicePasswords)
        {
            await RunAsync(passwd, ["-b", passwordFile, device, password]);
        }

        string aclFile = directory.Sub("acl");
        var acl = new List<string> { $"user {ControllerUser}", $"topic readwrite mw/v1/{plantId}/#" };
        foreach (string device in devicePasswords.Keys)
        {
            acl.AddRange(
            [
                string.Empty,
                $"user {device}",
                $"topic write mw/v1/{plantId}/{device}/frames",
                $"topic write mw/v1/{plantId}/{device}/cmdack",
                $"topic write mw/v1/{plantId}/{device}/status",
                $"topic read mw/v1/{plantId}/{device}/ack",
                $"topic read mw/v1/{plantId}/{device}/cmd",
                $"topic read mw/v1/{plantId}/$controller/state",
            ]);
        }

        await File.WriteAllLinesAsync(aclFile, acl);
        File.SetUnixFileMode(aclFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        int port = FreePort.Get();
        string configFile = directory.Sub("mosquitto.conf");
        await File.WriteAllLinesAsync(configFile,
        [
            "per_listener_settings false",
            "allow_anonymous false",
            $"password_file {passwordFile}",
            $"acl_file {aclFile}",
            $"listener {port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
            "persistence false",
            // Started as root, Mosquitto would switch to its own user, which cannot read the owner-only files above.
            Environment.UserName == "root" ? "user root" : "# not root",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
        ]);

        var start = new ProcessStartInfo(mosquitto) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(configFile);
        var process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                System.Console.Error.WriteLine("[mosquitto] " + e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var broker = new MosquittoBroker(process, directory, port, controllerPassword);
        await broker.WaitForListenerAsync();
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Dispose();
    }

    private async Task WaitForListenerAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"mosquitto exited with code {_process.ExitCode} at start (see its messages above)");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, TestContext.Current.CancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }

        Assert.Fail("mosquitto did not listen within 15 s");
    }

    private static async Task<string?> FindOrInstallAsync()
    {
        if (Which("mosquitto") is { } found)
        {
            return found;
        }

        await InstallLock.WaitAsync();
        try
        {
            if (!_installTried && Environment.UserName == "root")
            {
                _installTried = true;
                System.Console.Error.WriteLine("mosquitto not found: apt-get update && apt-get install -y mosquitto");
                await RunAsync("apt-get", ["update"], TimeSpan.FromMinutes(5), mustSucceed: false);
                await RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "mosquitto"], TimeSpan.FromMinutes(5), mustSucceed: false);
            }
        }
        finally
        {
            InstallLock.Release();
        }

        return Which("mosquitto");
    }

    private static string? Which(string program) =>
        new[] { "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin" }
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    private static async Task RunAsync(string program, IEnumerable<string> arguments, TimeSpan? limit = null, bool mustSucceed = true)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        if (mustSucceed && process.ExitCode != 0)
        {
            Assert.Fail($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}{await output}");
        }
    }
}
