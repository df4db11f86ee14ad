using Millwright.Protocol.Messages;

namespace Millwright.Controller.Storage.Records;

/// <summary>
/// A verified frame or gap record ready to store. <see cref="RawMessage"/> is the signed COSE_Mac0 exactly as received
/// (kept forever: it is the Merkle leaf and the proof). <see cref="Epoch"/> and <see cref="KeyGeneration"/> name the
/// key that verified it. Sequence and times use the protocol's ranges (1..2^63−1, 0..2^63−1), which fit a long.
/// </summary>
public sealed record FrameToStore
{
    public required string DeviceId { get; init; }

    public required int Epoch { get; init; }

    public required int KeyGeneration { get; init; }

    public required long Sequence { get; init; }

    public required uint BootCounter { get; init; }

    public required long TimeMicros { get; init; }

    public required TimeQuality TimeQuality { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required byte[] RawMessage { get; init; }

    public required FrameKind Kind { get; init; }

    /// <summary>The samples of a readings frame; empty for a gap record.</summary>
    public IReadOnlyList<FrameSample> Samples { get; init; } = [];

    /// <summary>Set exactly when <see cref="Kind"/> is <see cref="FrameKind.Gap"/>.</summary>
    public GapDeclaration? Gap { get; init; }
}
