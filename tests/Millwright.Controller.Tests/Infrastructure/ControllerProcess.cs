using System.Diagnostics;
using System.Text;

namespace Millwright.Controller.Tests.Infrastructure;

/// <summary>`millwright serve` as a real child process (the controller built next to the tests), for what needs a
/// process boundary: SIGKILL, environment variables, exit codes.</summary>
internal sealed class ControllerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ControllerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    internal string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    internal string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    internal bool HasExited => _process.HasExited;

    /// <summary>The process id (for reading its memory and CPU from /proc).</summary>
    internal int Id => _process.Id;

    internal int ExitCode => _process.ExitCode;

    internal static ControllerProcess Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        string controller = Path.Combine(AppContext.BaseDirectory, "millwright.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(controller);
        start.ArgumentList.Add("serve");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new ControllerProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the controller"));
    }

    /// <summary>SIGKILL: no shutdown code runs, no MQTT DISCONNECT is sent.</summary>
    internal void Kill() => _process.Kill(entireProcessTree: true);

    internal async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
