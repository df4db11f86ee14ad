namespace Millwright.Controller.Ingest;

/// <summary>One MQTT message as it arrived: topic, payload bytes, wall-clock time, and a Stopwatch timestamp for
/// the receive→ack latency. <see cref="ReceivedLength"/> is the length that arrived: an oversized payload is cut to
/// what quarantine keeps before it is queued, so a flood of large messages cannot fill memory through the queue.</summary>
public sealed record ReceivedMessage(string Topic, byte[] Payload, DateTimeOffset ReceivedAt, long ReceivedTimestamp)
{
    public int ReceivedLength { get; init; } = Payload.Length;
}
