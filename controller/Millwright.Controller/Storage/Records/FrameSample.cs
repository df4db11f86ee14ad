namespace Millwright.Controller.Storage.Records;

/// <summary>One sample of a frame as signed: channel, offset from the frame time (µs), value. The store keeps it as a
/// reading at frame time + offset.</summary>
public readonly record struct FrameSample(int ChannelId, int OffsetMicros, float Value);
