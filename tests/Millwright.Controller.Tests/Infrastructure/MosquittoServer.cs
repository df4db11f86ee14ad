using System.Diagnostics;
using System.Net.Sockets;

namespace Millwright.Controller.Tests.Infrastructure;

/// <summary>A real Mosquitto (Debian's package) on a loopback port with the given password and ACL files, in its own
/// temporary directory; stopped (killed) on dispose.</summary>
internal sealed class MosquittoServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private MosquittoServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    internal int Port { get; }

    internal static async Task<MosquittoServer> StartAsync(string passwordFile, string aclFile)
    {
        string mosquitto = await DebianPackage.RequireAsync("mosquitto", "mosquitto");
        string directory = Path.Combine(Path.GetTempPath(), "mw-mosquitto-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        int port = FreePort.Get();
        string passwords = Path.Combine(directory, "passwd");
        string acl = Path.Combine(directory, "acl");
        await File.WriteAllTextAsync(passwords, passwordFile);
        await File.WriteAllTextAsync(acl, aclFile);
        string config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous false
            password_file {passwords}
            acl_file {acl}
            use_username_as_clientid true
            persistence false
            log_dest stderr
            log_type error
            log_type warning
            """);
        var start = new ProcessStartInfo(mosquitto) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        Process process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new MosquittoServer(process, directory, port);
        await Eventually.TrueAsync(() => process.HasExited || CanConnect(port), $"mosquitto listening on {port}");
        Assert.False(process.HasExited, "mosquitto exited at start");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
