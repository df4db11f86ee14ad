using System.Diagnostics;

namespace Millwright.Controller.Tests.Infrastructure;

/// <summary>
/// Gets a Debian package's program for a test: present → use it; missing and root → `apt-get update` (once per
/// test run) then `apt-get install -y`; otherwise the test cannot run: with CI=true it FAILS saying what is missing,
/// else it is skipped with a loud message (never a silent pass).
/// </summary>
internal static class DebianPackage
{
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static bool _updated;

    /// <summary>Returns the program's path, installing <paramref name="package"/> when needed and possible.</summary>
    internal static async Task<string> RequireAsync(string package, string program)
    {
        await Lock.WaitAsync();
        try
        {
            string? path = Find(program);
            if (path is null && Environment.UserName == "root")
            {
                if (!_updated)
                {
                    await RunAsync("apt-get", "update");
                    _updated = true;
                }

                await RunAsync("apt-get", "install", "-y", "--no-install-recommends", package);
                path = Find(program);
            }

            if (path is not null)
            {
                return path;
            }

            string message = $"the Debian package '{package}' (program '{program}') is not installed and this user cannot install it";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(message);
            }

            Console.Error.WriteLine($"!!! SKIPPED: {message}");
            Assert.Skip(message);
            return string.Empty;
        }
        finally
        {
            Lock.Release();
        }
    }

    private static string? Find(string program) =>
        new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin" }
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
