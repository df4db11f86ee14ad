using System.Diagnostics;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>
/// socat between the virtual board's console pseudo-terminal and a new pseudo-terminal at <see cref="Path"/>, which the
/// tool opens with System.IO.Ports as it would a USB-UART adapter. A bridge outlives the tool's sessions (the tool may
/// open and close the port several times); ending it removes the link, as unplugging a USB adapter removes its device.
/// </summary>
internal sealed class ConsoleBridge : IDisposable
{
    private readonly Process _socat;
    private bool _disposed;

    private ConsoleBridge(Process socat, string path)
    {
        _socat = socat;
        Path = path;
    }

    public string Path { get; }

    /// <param name="link">The port's path; a new one in <paramref name="directory"/> when null.</param>
    public static async Task<ConsoleBridge> StartAsync(string socat, string boardPty, string directory, string? link = null)
    {
        link ??= System.IO.Path.Combine(directory, "tool-" + Guid.NewGuid().ToString("N")[..8]);
        var start = new ProcessStartInfo(socat) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { "-d", "-d", $"pty,raw,echo=0,link={link}", $"open:{boardPty},raw,echo=0" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("socat did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        DateTime until = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(link))
        {
            if (DateTime.UtcNow > until || process.HasExited)
            {
                throw new InvalidOperationException("socat did not create " + link);
            }

            await Task.Delay(50);
        }

        return new ConsoleBridge(process, link);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit();
        }

        _socat.Dispose();
        File.Delete(Path);
    }
}
