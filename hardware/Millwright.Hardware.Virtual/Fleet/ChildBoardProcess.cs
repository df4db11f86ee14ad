using System.Diagnostics;
using Millwright.Hardware.Virtual.Board;
using Millwright.Hardware.Virtual.Native;

namespace Millwright.Hardware.Virtual.Fleet;

/// <summary>
/// One board as a process of its own (`run` verb), so it can be killed (SIGKILL: a power cut) and started again on the
/// same data directory. Its figure lines on standard output feed the fleet's status line; everything else it prints is
/// passed on to the log with its device id in front.
/// </summary>
internal sealed class ChildBoardProcess : IDisposable
{
    private readonly string _deviceId;
    private readonly IReadOnlyList<string> _arguments;
    private readonly TextWriter _log;
    private Process? _process;
    private BoardFigures _figures;

    public ChildBoardProcess(string deviceId, IReadOnlyList<string> arguments, TextWriter log)
    {
        _deviceId = deviceId;
        _arguments = arguments;
        _log = log;
        _figures = BoardFigures.Empty(deviceId);
    }

    public string DeviceId => _deviceId;

    public int Starts { get; private set; }

    public int Kills { get; private set; }

    /// <summary>The last end of the process was our own SIGKILL (not a crash).</summary>
    public bool KilledLast { get; private set; }

    public BoardFigures Figures => Volatile.Read(ref _figures);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// The command that runs the virtual board program: its app host next to the assembly when there is one, else
    /// `dotnet` with the assembly (so it works from the built program, `dotnet run` and a test host alike).
    /// </summary>
    public static (string FileName, IReadOnlyList<string> Prefix) BoardCommand()
    {
        string assembly = typeof(ChildBoardProcess).Assembly.Location;
        string appHost = Path.ChangeExtension(assembly, null);
        if (File.Exists(appHost))
        {
            return (appHost, []);
        }

        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) && Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            host = current;
        }

        return (string.IsNullOrEmpty(host) ? "dotnet" : host, [assembly]);
    }

    /// <summary>When the running process was started (for the restart back-off).</summary>
    public DateTime StartedAt { get; private set; }

    public void Start()
    {
        (string fileName, IReadOnlyList<string> prefix) = BoardCommand();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in prefix.Concat(_arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process?.Dispose();
        _process = process;
        StartedAt = DateTime.UtcNow;
        KilledLast = false;
        Starts++;
    }

    /// <summary>SIGKILL: the board gets no chance to do anything, as in a power cut.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
            Kills++;
            KilledLast = true;
        }
    }

    /// <summary>SIGTERM, then up to <paramref name="grace"/> for a clean stop, then SIGKILL.</summary>
    public void Stop(TimeSpan grace)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        LibC.Kill(process.Id, LibC.SignalTerminate);
        if (!process.WaitForExit(grace))
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(5));
        _process?.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (BoardFigures.Parse(line) is { } figures)
        {
            Volatile.Write(ref _figures, figures);
            return;
        }

        lock (_log)
        {
            _log.WriteLine($"[{_deviceId}] {line}");
        }
    }
}
