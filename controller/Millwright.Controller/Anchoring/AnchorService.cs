using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Millwright.Controller.Anchoring.Chain;

namespace Millwright.Controller.Anchoring;

/// <summary>
/// Runs the anchoring state machine every poll interval. A chain that does not answer is retried with a growing
/// pause (the local Anvil node is restarted if it died); the persisted state means nothing is lost meanwhile.
/// </summary>
internal sealed class AnchorService : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly AnchorChainConnection _connection;
    private readonly IMerkleLogHead _log;
    private readonly AnchorOptions _options;
    private readonly TimeProvider _time;
    private readonly AnchorStatus _status;
    private readonly ILogger<AnchorService> _logger;

    public AnchorService(
        AnchorChainConnection connection, IMerkleLogHead log, IOptions<AnchorOptions> options, TimeProvider time, AnchorStatus status,
        ILogger<AnchorService> logger)
    {
        _connection = connection;
        _log = log;
        _options = options.Value;
        _time = time;
        _status = status;
        _logger = logger;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _connection.DisposeAsync(); // saves and stops the local Anvil node
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        AnchorPolicy policy = AnchorPolicy.From(_options);
        AnchorSession? session = null;
        AnchorStateMachine? machine = null;
        int failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay = _options.PollInterval;
            try
            {
                AnchorSession current = await _connection.ConnectAsync(stoppingToken);
                if (machine is null || !ReferenceEquals(current, session))
                {
                    session = current;
                    machine = await AnchorStateMachine.OpenAsync(current.Chain, current.Store, _log, policy, _time, _logger, stoppingToken);
                }

                await machine.StepAsync(stoppingToken);
                _status.Publish(machine.State);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (AnchorContractMissingException e)
            {
                delay = Backoff(++failures);
                AnchorLog.ContractMissing(_logger, e.ContractAddress);
                _connection.Reset();
            }
            catch (ChainUnavailableException e)
            {
                delay = Backoff(++failures);
                _status.Unavailable(e.Message);
                AnchorLog.ChainUnavailable(_logger, e.Message);
                await RecoverAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                delay = Backoff(++failures);
                AnchorLog.StepFailed(_logger, e, delay);
            }

            try
            {
                await Task.Delay(delay, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _connection.RecoverAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AnchorLog.StepFailed(_logger, e, MaxBackoff);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        double factor = Math.Pow(2, Math.Min(failures, 10));
        TimeSpan grown = TimeSpan.FromTicks((long)Math.Min(_options.PollInterval.Ticks * factor, MaxBackoff.Ticks));
        return grown > _options.PollInterval ? grown : _options.PollInterval;
    }
}
