using System.Text.Json;
using System.Text.Json.Nodes;

namespace Millwright.Protocol.Tests.Interop;

/// <summary>
/// Runs the scripts in Interop/js (cose-js and the npm cbor package, versions pinned by its package-lock.json),
/// installing them with <c>npm ci</c> when node_modules is missing or stale. Installation happens once per test
/// process, under a lock shared by every test class and by other test processes on the machine.
/// <para>
/// Without node or npm, or when <c>npm ci</c> fails, an interop test never passes silently: with CI=true it
/// fails; elsewhere it prints a loud message and is reported as skipped.
/// </para>
/// </summary>
internal static class NodeInterop
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static string? _installFailure;
    private static bool _installed;

    /// <summary>Sends <paramref name="request"/> to Interop/js/<paramref name="script"/> on stdin and parses its stdout.</summary>
    public static async Task<JsonNode> RunScriptAsync(string script, JsonNode request, CancellationToken cancellationToken)
    {
        string directory = await EnsureInstalledAsync(cancellationToken);
        NodeProcessResult? result = await NodeProcess.RunAsync(
            "node", [script], directory, request.ToJsonString(), ScriptTimeout, cancellationToken);
        if (result == null)
        {
            Unavailable("node is not on PATH");
        }

        Assert.True(result.ExitCode == 0, $"node {script} exited with {result.ExitCode}:\n{result.StandardError}");
        return JsonNode.Parse(result.StandardOutput) ?? throw new JsonException($"node {script} printed no JSON");
    }

    private static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        string directory = FindScriptDirectory();
        await InstallGate.WaitAsync(cancellationToken);
        try
        {
            if (!_installed && _installFailure == null)
            {
                _installFailure = await InstallAsync(directory, cancellationToken);
                _installed = _installFailure == null;
            }
        }
        finally
        {
            InstallGate.Release();
        }

        if (_installFailure != null)
        {
            Unavailable(_installFailure);
        }

        return directory;
    }

    /// <summary>Returns null when the packages are in place, or why they could not be installed.</summary>
    private static async Task<string?> InstallAsync(string directory, CancellationToken cancellationToken)
    {
        NodeProcessResult? node = await NodeProcess.RunAsync("node", ["--version"], directory, null, ScriptTimeout, cancellationToken);
        if (node == null || node.ExitCode != 0)
        {
            return "node is not on PATH (install Node.js 20 or later)";
        }

        using FileStream crossProcessLock = await AcquireInstallLockAsync(directory, cancellationToken);
        if (PinnedPackagesInstalled(directory))
        {
            return null;
        }

        string npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        NodeProcessResult? install = await NodeProcess.RunAsync(
            npm, ["ci", "--no-audit", "--no-fund"], directory, null, InstallTimeout, cancellationToken);
        if (install == null)
        {
            return "npm is not on PATH";
        }

        if (install.ExitCode != 0 || !PinnedPackagesInstalled(directory))
        {
            return $"npm ci in {directory} failed with exit code {install.ExitCode}:\n{install.StandardError}";
        }

        return null;
    }

    // node_modules is "missing" when any pinned dependency is absent or at another version than package.json pins.
    private static bool PinnedPackagesInstalled(string directory)
    {
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "package.json")));
        foreach (JsonProperty dependency in manifest.RootElement.GetProperty("dependencies").EnumerateObject())
        {
            string installed = Path.Combine(directory, "node_modules", dependency.Name, "package.json");
            if (!File.Exists(installed))
            {
                return false;
            }

            using JsonDocument package = JsonDocument.Parse(File.ReadAllText(installed));
            if (package.RootElement.GetProperty("version").GetString() != dependency.Value.GetString())
            {
                return false;
            }
        }

        return true;
    }

    // An exclusive open of a file in the temp folder, keyed by the script folder: other test processes wait here.
    private static async Task<FileStream> AcquireInstallLockAsync(string directory, CancellationToken cancellationToken)
    {
        string name = "millwright-npm-ci-" + Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(directory)), 0, 8) + ".lock";
        string path = Path.Combine(Path.GetTempPath(), name);
        DateTime giveUp = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < giveUp)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    private static string FindScriptDirectory()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "Interop", "js");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Interop/js/package-lock.json not found above " + AppContext.BaseDirectory);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Unavailable(string reason)
    {
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail("cose-js interop could not run, and CI=true makes that a failure: " + reason);
        }

        string banner = "!!! COSE-JS INTEROP NOT RUN (skipped; it fails when CI=true): " + reason;
        Console.Error.WriteLine(banner);
        TestContext.Current.SendDiagnosticMessage(banner);
        Assert.Skip(banner);
    }
}
