namespace Millwright.Controller.Ingest;

/// <summary>One MQTT message as it arrived: topic, payload bytes, wall-clock time, and a Stopwatch timestamp for
/// the receive→ack latency.</summary>
public sealed record ReceivedMessage(string Topic, byte[] Payload, DateTimeOffset ReceivedAt, long ReceivedTimestamp);
