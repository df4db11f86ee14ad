using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Millwright.Controller.Configuration;
using Millwright.Controller.Devices;
using Millwright.Controller.Metrics;
using Millwright.Controller.Mqtt;
using Millwright.Controller.Storage;

namespace Millwright.Controller.Ingest;

/// <summary>
/// Runs ingest as two stages joined by bounded queues, so verification of the next messages overlaps the storage
/// transaction of the previous batch: <see cref="IngestChannel"/> → verifier → write queue → <see cref="BatchWriter"/>.
/// On stop it closes the ingest queue, lets both stages drain (stored and acked) and returns; if the host's
/// shutdown time runs out first, whatever is left is simply not acked, and the devices re-send it.
/// </summary>
public sealed partial class IngestPipeline : IHostedService, IDisposable
{
    private readonly IngestChannel _queue;
    private readonly IngestVerifier _verifier;
    private readonly BatchWriter _writer;
    private readonly Channel<IngestItem> _verified;
    private readonly ControllerMetrics _metrics;
    private readonly ILogger<IngestPipeline> _logger;
    private readonly CancellationTokenSource _abort = new();
    private Task? _verifying;
    private Task? _writing;

    public IngestPipeline(
        IngestChannel queue,
        IDeviceKeyring keys,
        IControllerStore store,
        IControllerLink link,
        ConnectedDevices connected,
        ControllerMetrics metrics,
        IOptions<IngestOptions> options,
        IOptions<ControllerOptions> controller,
        TimeProvider time,
        ILogger<IngestPipeline> logger)
    {
        _queue = queue;
        _metrics = metrics;
        _logger = logger;
        IngestOptions ingest = options.Value;
        _verifier = new IngestVerifier(controller.Value.PlantId, ingest, keys);
        _writer = new BatchWriter(ingest, controller.Value.PlantId, store, link, connected, metrics, time, logger);
        _verified = Channel.CreateBounded<IngestItem>(new BoundedChannelOptions(ingest.BatchSize * 2)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        metrics.Gauge("millwright_ingest_queue_depth", "Messages received and waiting for verification.", () => _queue.Depth);
        metrics.Gauge("millwright_write_queue_depth", "Verified messages waiting for the batch writer.", () => _verified.Reader.Count);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _verifying = Task.Run(() => VerifyAsync(_abort.Token), CancellationToken.None);
        _writing = Task.Run(() => WriteAsync(_abort.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        Task all = Task.WhenAll(_verifying ?? Task.CompletedTask, _writing ?? Task.CompletedTask);
        try
        {
            await all.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _abort.Dispose();

    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (ReceivedMessage message in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                IngestItem item = await VerifyOneAsync(message, cancellationToken).ConfigureAwait(false);
                await _verified.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _verified.Writer.TryComplete();
        }
    }

    private async ValueTask<IngestItem> VerifyOneAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        IngestItem item;
        try
        {
            item = await _verifier.VerifyAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One message must not stop ingest: anything unexpected is quarantined and logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogVerifierFault(e, message.Topic);
            item = new RejectedMessage(message, new Storage.Records.QuarantineEntry(
                message.Payload, message.Topic, message.ReceivedAt, Storage.Records.QuarantineReason.InvalidMessage, "verifier fault: " + e.Message));
        }

        if (message.Topic.EndsWith("/frames", StringComparison.Ordinal))
        {
            _metrics.FrameReceived();
        }

        if (item is RejectedMessage rejected)
        {
            _metrics.Rejected(rejected.Entry.Reason);
        }

        return item;
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _writer.RunAsync(_verified.Reader, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected fault verifying a message on '{Topic}'; quarantined")]
    private partial void LogVerifierFault(Exception e, string topic);
}
