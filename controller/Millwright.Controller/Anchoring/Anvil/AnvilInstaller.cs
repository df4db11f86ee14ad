using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Millwright.Controller.Anchoring.Anvil;

/// <summary>
/// Finds the Anvil executable: the configured one, else the binary of npm's @foundry-rs/anvil platform package in
/// the contracts folder, installed there with <c>npm ci</c> (the pinned package-lock) when missing or at another
/// version. Installs are serialized across processes by an exclusive lock file.
/// </summary>
internal static class AnvilInstaller
{
    private const string WrapperPackage = "@foundry-rs/anvil";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    public static async Task<string> ResolveAsync(AnchorOptions options, CancellationToken cancellationToken)
    {
        if (options.AnvilPath.Length > 0)
        {
            return Path.GetFullPath(options.AnvilPath);
        }

        string folder = ContractsFolder.Find(options.ContractsDirectory) ?? throw new AnvilUnavailableException(
            $"controller/contracts was not found above {AppContext.BaseDirectory} or the working directory: set {AnchorOptions.Section}:ContractsDirectory, or {AnchorOptions.Section}:AnvilPath, or {AnchorOptions.Section}:RpcUrl for another chain");
        string binary = BinaryPath(folder);
        if (IsInstalled(folder, binary))
        {
            return binary;
        }

        await using FileStream installLock = await AcquireLockAsync(folder, cancellationToken);
        if (IsInstalled(folder, binary))
        {
            return binary;
        }

        string npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        ChildProcessResult? install = await ChildProcess.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], folder, InstallTimeout, cancellationToken)
            ?? throw new AnvilUnavailableException($"npm is not on PATH: install Node.js 20 or later, or set {AnchorOptions.Section}:AnvilPath");
        if (install.ExitCode != 0 || !IsInstalled(folder, binary))
        {
            throw new AnvilUnavailableException($"npm ci in {folder} failed (exit code {install.ExitCode}), so there is no Anvil at {binary}:\n{Tail(install.StandardError)}");
        }

        return binary;
    }

    /// <summary>The platform package's binary, e.g. node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil.</summary>
    public static string BinaryPath(string folder)
    {
        string platform = OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        string architecture = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64";
        string file = OperatingSystem.IsWindows() ? "anvil.exe" : "anvil";
        return Path.Combine(folder, "node_modules", "@foundry-rs", $"anvil-{platform}-{architecture}", "bin", file);
    }

    private static bool IsInstalled(string folder, string binary)
    {
        string installedManifest = Path.Combine(folder, "node_modules", WrapperPackage, "package.json");
        if (!File.Exists(binary) || !File.Exists(installedManifest))
        {
            return false;
        }

        using JsonDocument pinned = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json")));
        using JsonDocument installed = JsonDocument.Parse(File.ReadAllText(installedManifest));
        return pinned.RootElement.GetProperty("dependencies").GetProperty(WrapperPackage).GetString()
            == installed.RootElement.GetProperty("version").GetString();
    }

    private static async Task<FileStream> AcquireLockAsync(string folder, CancellationToken cancellationToken)
    {
        string name = "millwright-npm-ci-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folder)), 0, 8) + ".lock";
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

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
