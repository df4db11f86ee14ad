using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
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
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _executable;
    private readonly string _folder;
    private readonly long _chainId;
    private readonly TimeSpan _saveInterval;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<string> _recentOutput = new();
    private readonly SemaphoreSlim _saveGate = new(1, 1);
    private readonly AnvilPidFile _pidFile;
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
        _pidFile = new AnvilPidFile(folder, executable);
    }

    public Uri RpcUrl => new($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/");

    public bool IsRunning => _process is { HasExited: false };

    public string StateFile => Path.Combine(_folder, StateFileName);

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
        await _pidFile.WriteAsync(_process.Id, _port, cancellationToken);
        await WaitForRpcAsync(_process, cancellationToken);
        _savedBlock = await AnvilRpc.BlockNumberAsync(RpcUrl, cancellationToken);
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
            long block = await AnvilRpc.BlockNumberAsync(RpcUrl, cancellationToken);
            await AnvilRpc.DumpStateToFileAsync(RpcUrl, StateFile, cancellationToken);
            _savedBlock = block;
        }
        finally
        {
            _saveGate.Release();
        }
    }

    /// <summary>Gives <paramref name="address"/> 1000 ether if it has less than 1 (anvil_setBalance).</summary>
    public Task FundAsync(string address, CancellationToken cancellationToken) => AnvilRpc.FundAsync(RpcUrl, address, cancellationToken);

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
            catch (Exception e) when (AnvilRpc.IsTransportOrDumpFailure(e))
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
                await AnvilRpc.BlockNumberAsync(RpcUrl, cancellationToken);
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
                if (IsRunning && await AnvilRpc.BlockNumberAsync(RpcUrl, stop) != _savedBlock)
                {
                    await SaveStateAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (AnvilRpc.IsTransportOrDumpFailure(e))
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
        _pidFile.Delete();
    }

    // An Anvil of ours left running by a controller that was killed: keep its newer chain, then stop it.
    private async Task StopOrphanAsync(CancellationToken cancellationToken)
    {
        if (await _pidFile.TakeRunningAsync(cancellationToken) is not { } orphan)
        {
            return;
        }

        using Process process = orphan.Process;
        try
        {
            await AnvilRpc.DumpStateToFileAsync(new Uri($"http://127.0.0.1:{orphan.Port.ToString(CultureInfo.InvariantCulture)}/"), StateFile, cancellationToken);
        }
        catch (Exception e) when (AnvilRpc.IsTransportOrDumpFailure(e))
        {
            Log.SaveFailed(_logger, e);
        }

        process.Kill();
        await process.WaitForExitAsync(cancellationToken);
        Log.OrphanStopped(_logger, process.Id);
        _port = orphan.Port;
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
