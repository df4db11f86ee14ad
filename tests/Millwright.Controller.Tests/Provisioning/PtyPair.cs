using System.Diagnostics;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>Two pseudo-terminals joined by socat, as a node and a USB-UART adapter joined by a cable: <see cref="Device"/> and <see cref="Tool"/>.</summary>
internal sealed class PtyPair : IAsyncDisposable
{
    private readonly Process _socat;
    private readonly string _directory;

    private PtyPair(Process socat, string directory)
    {
        _socat = socat;
        _directory = directory;
    }

    public string Device => Path.Combine(_directory, "device");

    public string Tool => Path.Combine(_directory, "tool");

    public static async Task<PtyPair> StartAsync()
    {
        string socat = await DebianPackage.RequireAsync("socat", "socat");
        string directory = Path.Combine(Path.GetTempPath(), "mw-line-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo(socat) { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(directory, "device")}");
        start.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(directory, "tool")}");
        var pair = new PtyPair(Process.Start(start) ?? throw new InvalidOperationException("socat did not start"), directory);
        DateTime until = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(pair.Device) || !File.Exists(pair.Tool))
        {
            if (DateTime.UtcNow > until || pair._socat.HasExited)
            {
                await pair.DisposeAsync();
                throw new InvalidOperationException("socat made no pseudo-terminal pair");
            }

            await Task.Delay(20);
        }

        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            await _socat.WaitForExitAsync(CancellationToken.None);
        }

        _socat.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
