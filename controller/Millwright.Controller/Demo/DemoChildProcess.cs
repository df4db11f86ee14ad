using System.Diagnostics;

namespace Millwright.Controller.Demo;

/// <summary>
/// A child process of the demo (the build, the virtual fleet). Its stdout and stderr go line by line to a log file
/// (and to <see cref="Line"/>). <see cref="Dispose"/> stops it: SIGTERM (the fleet then publishes its Wills and saves
/// its machines), after a grace period SIGKILL of its whole tree.
/// </summary>
internal sealed class DemoChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();

    private DemoChildProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    internal event Action<string>? Line;

    internal bool HasExited => _process.HasExited;

    internal int ExitCode => _process.ExitCode;

    internal int Id => _process.Id;

    internal static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    internal static DemoChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, string logFile, Action<string>? line = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A build started from inside `dotnet test`/`dotnet run` must not inherit that MSBuild's settings.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            info.Environment.Remove(name);
        }

        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new DemoChildProcess(process, log);
        if (line is not null)
        {
            child.Line += line;
        }

        process.OutputDataReceived += (_, e) => child.Received(e.Data);
        process.ErrorDataReceived += (_, e) => child.Received(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    internal async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL of the tree after <paramref name="grace"/>.</summary>
    internal async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows() || !SendTerm(_process.Id) ||
            !await WaitForExitAsync(grace, CancellationToken.None).ConfigureAwait(false))
        {
            KillTree();
        }
    }

    internal void KillTree()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        KillTree();
        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private void Received(string? data)
    {
        if (data is null)
        {
            return;
        }

        lock (_gate)
        {
            try
            {
                _log.WriteLine(data);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }

        Line?.Invoke(data);
    }

    private static bool SendTerm(int pid)
    {
        try
        {
            using Process kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
            })!;
            kill.WaitForExit(5000);
            return kill.HasExited && kill.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
