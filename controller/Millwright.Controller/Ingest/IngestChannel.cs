using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Millwright.Controller.Configuration;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Ingest;

/// <summary>
/// The bounded queue between MQTT and verification. When it is full, <see cref="EnqueueAsync"/> waits, and the
/// waiting propagates to the sender: the embedded broker processes each connection's packets one at a time, so a
/// device whose publish waits here is not read from (TCP flow control holds it back); an external broker stops
/// sending once Receive Maximum QoS 1 messages are unacknowledged. Nothing is dropped here.
/// </summary>
public sealed class IngestChannel
{
    private readonly Channel<ReceivedMessage> _channel;
    private readonly TimeProvider _time;
    private readonly int _maxMessageBytes;

    public IngestChannel(IOptions<IngestOptions> options, TimeProvider time)
    {
        _time = time;
        _maxMessageBytes = options.Value.MaxMessageBytes;
        _channel = Channel.CreateBounded<ReceivedMessage>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public ChannelReader<ReceivedMessage> Reader => _channel.Reader;

    public int Depth => _channel.Reader.Count;

    /// <summary>Queues a message, waiting while the queue is full. False once the queue is closed (shutdown): the
    /// message is then not taken, and the device re-sends it later because it gets no ack.</summary>
    public ValueTask<bool> EnqueueAsync(string topic, byte[] payload, CancellationToken cancellationToken) =>
        EnqueueAsync(new ReceivedMessage(topic, payload, _time.GetUtcNow(), Stopwatch.GetTimestamp()), cancellationToken);

    /// <summary>Copies the payload and queues it, like the overload above; a payload over the accepted size is cut to
    /// the bytes quarantine keeps (<see cref="QuarantineEntry.MaxStoredBytes"/>) with its length noted, so each queued
    /// message costs at most that much memory whatever a client sends.</summary>
    public ValueTask<bool> EnqueueAsync(string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        long length = payload.Length;
        byte[] kept = length > _maxMessageBytes ? payload.Slice(0, Math.Min(length, QuarantineEntry.MaxStoredBytes)).ToArray() : payload.ToArray();
        var message = new ReceivedMessage(topic, kept, _time.GetUtcNow(), Stopwatch.GetTimestamp())
        {
            ReceivedLength = (int)Math.Min(length, int.MaxValue),
        };
        return EnqueueAsync(message, cancellationToken);
    }

    private async ValueTask<bool> EnqueueAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    /// <summary>Stops taking messages; what is queued is still read.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
