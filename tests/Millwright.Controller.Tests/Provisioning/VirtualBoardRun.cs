using System.Diagnostics;
using System.Reflection;

namespace Millwright.Controller.Tests.Provisioning;

/// <summary>
/// The virtual board program (`Millwright.Hardware.Virtual run`, the real firmware) as a child process with a fresh flash:
/// unprovisioned, console on a pseudo-terminal whose path it writes to console.pty in its data directory.
/// </summary>
internal sealed class VirtualBoardRun : IDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _output;
    private bool _disposed;

    private VirtualBoardRun(Process process, string dataDirectory, string consolePath, Queue<string> output)
    {
        _process = process;
        _output = output;
        DataDirectory = dataDirectory;
        ConsolePath = consolePath;
    }

    public string DataDirectory { get; }

    public string ConsolePath { get; }

    private static string RepositoryRoot => typeof(VirtualBoardRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static async Task<VirtualBoardRun> StartAsync(string dataDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "Millwright.Hardware.Virtual.dll"), "run",
                     "--board", Path.Combine(RepositoryRoot, "hardware", "boards", "virtual.json"),
                     "--data-dir", dataDirectory, "--sample-period-ms", "500", "--status-interval-s", "2", "--no-fsync", "--quiet",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the virtual board did not start");
        var output = new Queue<string>();
        void Keep(string? text)
        {
            if (text is null)
            {
                return;
            }

            lock (output)
            {
                output.Enqueue(text);
                if (output.Count > KeptLines)
                {
                    output.Dequeue();
                }
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string pathFile = Path.Combine(dataDirectory, "console.pty");
        DateTime until = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(pathFile) || (await File.ReadAllTextAsync(pathFile)).Trim().Length == 0)
        {
            if (DateTime.UtcNow > until || process.HasExited)
            {
                throw new InvalidOperationException("the virtual board wrote no console.pty");
            }

            await Task.Delay(100);
        }

        return new VirtualBoardRun(process, dataDirectory, (await File.ReadAllTextAsync(pathFile)).Trim(), output);
    }

    /// <summary>Whether the board process still runs, and its last output lines: what a failed console session needs.</summary>
    public string Describe()
    {
        string state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        lock (_output)
        {
            return $"board {ConsolePath}: {state}; last output:\n  " + (_output.Count == 0 ? "(none)" : string.Join("\n  ", _output));
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
