using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Millwright.Controller.Anchoring.State;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;

namespace Millwright.Controller.Anchoring.Anvil;

/// <summary>
/// A local Anvil dev node whose chain lives in one folder of the data directory. Anvil writes its own state only on a
/// clean exit, and not atomically, so this class saves it: every <c>saveInterval</c> in which a block was added it
/// fetches anvil_dumpState and replaces anvil-state.json atomically; a restart loads that file (--load-state). A
/// SIGKILL of Anvil or of the controller loses at most the blocks of the last interval, which the anchoring service
/// sees as a reorganisation and repairs. An Anvil left running by a killed controller is found by its pid file,
/// saved from and stopped before a new one starts.
/// </summary>
internal sealed partial class AnvilNode : IAsyncDisposable
{
    public const string StateFileName = "anvil-state.json";
    private const string PidFileName = "anvil.pid";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _executable;
    private readonly string _folder;
    private readonly long _chainId;
    private readonly TimeSpan _saveInterval;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<string> _recentOutput = new();
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private Process? _process;
    private int _port;
    private CancellationTokenSource? _saverStop;
    private Task? _saver;
    private long _savedBlock = -1;

    public AnvilNode(string executable, string folder, long chainId, TimeSpan saveInterval, ILogger logger)
    {
        _executable = executable;
        _folder = folder;
        _chainId = chainId;
        _saveInterval = saveInterval;
        _logger = logger;
    }

    public Uri RpcUrl => new($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/");

    public bool IsRunning => _process is { HasExited: false };

    public string StateFile => Path.Combine(_folder, StateFileName);

    private string PidFile => Path.Combine(_folder, PidFileName);

    /// <summary>Starts Anvil (on the port it had before, when still free) from the saved chain, and waits for its RPC.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return;
        }

        Directory.CreateDirectory(_folder);
        await StopOrphanAsync(cancellationToken);
        if (_port == 0 || !FreeTcpPort.IsFree(_port))
        {
            _port = FreeTcpPort.Pick();
        }

        _process = Launch();
        await File.WriteAllTextAsync(PidFile, $"{_process.Id} {_port}", cancellationToken);
        await WaitForRpcAsync(_process, cancellationToken);
        _savedBlock = await BlockNumberAsync(RpcUrl, cancellationToken);
        Log.Started(_logger, _process.Id, RpcUrl, StateFile, _savedBlock);
        _saverStop = new CancellationTokenSource();
        _saver = SaveWhileRunningAsync(_saverStop.Token);
    }

    /// <summary>Writes the chain to anvil-state.json now (atomically).</summary>
    public async Task SaveStateAsync(CancellationToken cancellationToken)
    {
        await _saveGate.WaitAsync(cancellationToken);
        try
        {
            long block = await BlockNumberAsync(RpcUrl, cancellationToken);
            await DumpToFileAsync(RpcUrl, StateFile, cancellationToken);
            _savedBlock = block;
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <summary>Gives the anvil account <paramref name="address"/> 1000 ether if it has less than 1 (anvil_setBalance).</summary>
    public async Task FundAsync(string address, CancellationToken cancellationToken)
    {
        var client = new RpcClient(RpcUrl);
        HexBigInteger balance = await client.SendRequestAsync<HexBigInteger>("eth_getBalance", null, address, "latest");
        if (balance.Value < System.Numerics.BigInteger.Pow(10, 18))
        {
            await client.SendRequestAsync("anvil_setBalance", null, address, new HexBigInteger(System.Numerics.BigInteger.Pow(10, 21)).HexValue);
        }
    }

    /// <summary>Saves the chain, then stops Anvil.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await StopSaverAsync();
        if (IsRunning)
        {
            try
            {
                await SaveStateAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or RpcClientUnknownException or RpcClientTimeoutException or InvalidDataException)
            {
                Log.SaveFailed(_logger, e);
            }
        }

        await KillProcessAsync();
    }

    /// <summary>Kills Anvil at once (SIGKILL), without saving: what a crash does. For fault tests.</summary>
    public async Task KillAbruptlyAsync()
    {
        await StopSaverAsync();
        await KillProcessAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _saveGate.Dispose();
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo(_executable)
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "--host", "127.0.0.1", "--port", _port.ToString(CultureInfo.InvariantCulture),
                     "--chain-id", _chainId.ToString(CultureInfo.InvariantCulture), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        if (File.Exists(StateFile) && new FileInfo(StateFile).Length > 0)
        {
            start.ArgumentList.Add("--load-state");
            start.ArgumentList.Add(StateFile);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new AnvilUnavailableException($"Anvil at {_executable} would not start: {e.Message}", e);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitForRpcAsync(Process process, CancellationToken cancellationToken)
    {
        DateTime giveUp = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new AnvilUnavailableException(
                    $"Anvil exited with code {process.ExitCode} at start ({_executable}):\n{string.Join('\n', _recentOutput)}");
            }

            try
            {
                await BlockNumberAsync(RpcUrl, cancellationToken);
                return;
            }
            catch (Exception e) when (e is RpcClientUnknownException or RpcClientTimeoutException && DateTime.UtcNow < giveUp)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    private async Task SaveWhileRunningAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_saveInterval, stop);
                if (IsRunning && await BlockNumberAsync(RpcUrl, stop) != _savedBlock)
                {
                    await SaveStateAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or RpcClientUnknownException or RpcClientTimeoutException or RpcResponseException or InvalidDataException)
            {
                Log.SaveFailed(_logger, e);
            }
        }
    }

    private async Task StopSaverAsync()
    {
        if (_saverStop is null)
        {
            return;
        }

        await _saverStop.CancelAsync();
        if (_saver is not null)
        {
            await _saver;
        }

        _saverStop.Dispose();
        _saverStop = null;
        _saver = null;
    }

    private async Task KillProcessAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
        File.Delete(PidFile);
    }

    // An Anvil of ours left running by a controller that was killed: keep its newer chain, then stop it.
    private async Task StopOrphanAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(PidFile))
        {
            return;
        }

        string[] fields = (await File.ReadAllTextAsync(PidFile, cancellationToken)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        File.Delete(PidFile);
        if (fields.Length != 2 || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out int pid)
            || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out int port) || !IsOurAnvil(pid))
        {
            return;
        }

        using Process orphan = Process.GetProcessById(pid);
        try
        {
            await DumpToFileAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), StateFile, cancellationToken);
        }
        catch (Exception e) when (e is IOException or RpcClientUnknownException or RpcClientTimeoutException or RpcResponseException or InvalidDataException)
        {
            Log.SaveFailed(_logger, e);
        }

        orphan.Kill();
        await orphan.WaitForExitAsync(cancellationToken);
        Log.OrphanStopped(_logger, pid);
        _port = port;
    }

    private bool IsOurAnvil(int pid)
    {
        try
        {
            using Process candidate = Process.GetProcessById(pid);
            string? running = OperatingSystem.IsLinux()
                ? File.ResolveLinkTarget($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/exe", returnFinalTarget: true)?.FullName
                : candidate.MainModule?.FileName;
            string expected = File.ResolveLinkTarget(_executable, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(_executable);
            return !candidate.HasExited && string.Equals(running, expected, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<long> BlockNumberAsync(Uri url, CancellationToken cancellationToken)
    {
        var client = new RpcClient(url);
        HexBigInteger block = await client.SendRequestAsync<HexBigInteger>("eth_blockNumber").WaitAsync(cancellationToken);
        return (long)block.Value;
    }

    private static async Task DumpToFileAsync(Uri url, string stateFile, CancellationToken cancellationToken)
    {
        var client = new RpcClient(url);
        string dump = await client.SendRequestAsync<string>("anvil_dumpState").WaitAsync(cancellationToken);
        byte[] compressed = Convert.FromHexString(dump.AsSpan(dump.StartsWith("0x", StringComparison.Ordinal) ? 2 : 0));
        using var json = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(json, cancellationToken);
        }

        if (json.Length == 0)
        {
            throw new InvalidDataException("anvil_dumpState returned an empty state");
        }

        await AtomicFile.WriteAsync(stateFile, json.GetBuffer().AsMemory(0, (int)json.Length), cancellationToken);
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _recentOutput.Enqueue(line);
        while (_recentOutput.Count > 40 && _recentOutput.TryDequeue(out _))
        {
        }

        Log.Output(_logger, line);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Local Anvil chain started (pid {Pid}) at {Url}, state in {StateFile}, block {Block}")]
        public static partial void Started(ILogger logger, int pid, Uri url, string stateFile, long block);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Saving the local Anvil chain failed; the previous save stays")]
        public static partial void SaveFailed(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped an Anvil (pid {Pid}) left running by an earlier controller, after saving its chain")]
        public static partial void OrphanStopped(ILogger logger, int pid);

        [LoggerMessage(Level = LogLevel.Debug, Message = "anvil: {Line}")]
        public static partial void Output(ILogger logger, string line);
    }
}
