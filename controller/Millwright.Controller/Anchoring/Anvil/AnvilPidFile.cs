using System.Diagnostics;
using System.Globalization;

namespace Millwright.Controller.Anchoring.Anvil;

/// <summary>
/// anvil.pid in the chain folder: "pid port" of the Anvil this controller started, so that the next controller finds
/// one left running by a controller that was killed, and knows it is ours (same executable) before touching it.
/// </summary>
internal sealed class AnvilPidFile
{
    private readonly string _path;
    private readonly string _executable;

    public AnvilPidFile(string folder, string executable)
    {
        _path = Path.Combine(folder, "anvil.pid");
        _executable = executable;
    }

    public Task WriteAsync(int pid, int port, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(_path, string.Create(CultureInfo.InvariantCulture, $"{pid} {port}"), cancellationToken);

    public void Delete() => File.Delete(_path);

    /// <summary>The recorded Anvil if it still runs our executable; the file is removed either way.</summary>
    public async Task<(Process Process, int Port)?> TakeRunningAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        string[] fields = (await File.ReadAllTextAsync(_path, cancellationToken)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Delete();
        if (fields.Length != 2 || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out int pid)
            || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out int port))
        {
            return null;
        }

        Process? process = OpenIfOurs(pid);
        return process is null ? null : (process, port);
    }

    private Process? OpenIfOurs(int pid)
    {
        Process? candidate = null;
        try
        {
            candidate = Process.GetProcessById(pid);
            string? running = OperatingSystem.IsLinux()
                ? File.ResolveLinkTarget($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/exe", returnFinalTarget: true)?.FullName
                : candidate.MainModule?.FileName;
            string expected = File.ResolveLinkTarget(_executable, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(_executable);
            if (!candidate.HasExited && string.Equals(running, expected, StringComparison.Ordinal))
            {
                return candidate;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // Gone, or not ours to inspect: not ours.
        }

        candidate?.Dispose();
        return null;
    }
}
