namespace Millwright.Controller.Cli.Bench;

/// <summary>What simulated devices did, summed or for one device: frames produced (signed), freed by acks, publishes
/// (first sends and resends), ack timeouts, frames not made because the outbox was full, connections made, acks that
/// failed verification, and publishes the broker refused or that were lost with the connection.</summary>
internal readonly record struct DeviceCounters(
    long Produced, long Acked, long Published, long Resent, long Timeouts, long Dropped, long Connects, long RejectedAcks, long PublishFailures)
{
    public static DeviceCounters operator +(DeviceCounters a, DeviceCounters b) => new(
        a.Produced + b.Produced, a.Acked + b.Acked, a.Published + b.Published, a.Resent + b.Resent, a.Timeouts + b.Timeouts,
        a.Dropped + b.Dropped, a.Connects + b.Connects, a.RejectedAcks + b.RejectedAcks, a.PublishFailures + b.PublishFailures);

    public static DeviceCounters operator -(DeviceCounters a, DeviceCounters b) => new(
        a.Produced - b.Produced, a.Acked - b.Acked, a.Published - b.Published, a.Resent - b.Resent, a.Timeouts - b.Timeouts,
        a.Dropped - b.Dropped, a.Connects - b.Connects, a.RejectedAcks - b.RejectedAcks, a.PublishFailures - b.PublishFailures);
}
