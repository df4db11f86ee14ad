using System.Diagnostics;
using System.Globalization;

namespace Millwright.Hardware.Virtual.Tests.Infrastructure;

/// <summary>
/// The built virtual board started as a real child process (`dotnet Millwright.Hardware.Virtual.dll run ...`), so a test
/// can SIGKILL it mid-stream — a power cut — and start it again on the same data directory.
/// </summary>
internal sealed class BoardProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private BoardProcess(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<string> Output { get { lock (_output) { return [.. _output]; } } }

    public bool HasExited => _process.HasExited;

    public static BoardProcess Start(TestDevice device, string dataDirectory, string secretFile, int brokerPort, double timeScale, int samplePeriodMs)
    {
        var c = CultureInfo.InvariantCulture;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[]
                 {
                     TestPaths.VirtualBoardDll, "run",
                     "--board", TestPaths.VirtualBoardFile,
                     "--data-dir", dataDirectory,
                     "--device-id", device.DeviceId,
                     "--plant", TestDevice.PlantId,
                     "--broker", "127.0.0.1:" + brokerPort.ToString(c),
                     "--secret-file", secretFile,
                     "--time-scale", timeScale.ToString(c),
                     "--sample-period-ms", samplePeriodMs.ToString(c),
                     "--status-interval-s", "1",
                     "--no-console",
                     "--quiet",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var board = new BoardProcess(process);
        process.OutputDataReceived += (_, e) => board.Note(e.Data);
        process.ErrorDataReceived += (_, e) => board.Note(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return board;
    }

    /// <summary>SIGKILL: no clean-up of any kind runs in the board.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Note(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }
}
