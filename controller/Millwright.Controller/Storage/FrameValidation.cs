using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Storage;

/// <summary>Refuses a frame the caller should never have passed (the verifier guarantees these ranges), so a bug
/// upstream cannot corrupt sequence state.</summary>
internal static class FrameValidation
{
    public static void Check(FrameToStore frame)
    {
        if (frame.Sequence < 1 || frame.Epoch < 1 || frame.KeyGeneration < 1)
        {
            throw new ArgumentException(
                $"frame {frame.DeviceId}/{frame.Epoch}/{frame.Sequence}: sequence, epoch and key generation start at 1", nameof(frame));
        }

        if (frame.Samples.Count > ProtocolLimits.MaxSamplesPerFrame)
        {
            throw new ArgumentException($"frame {frame.DeviceId}/{frame.Sequence}: more than {ProtocolLimits.MaxSamplesPerFrame} samples (protocol §5.3)", nameof(frame));
        }

        if ((frame.Kind == FrameKind.Gap) != (frame.Gap is not null))
        {
            throw new ArgumentException($"frame {frame.DeviceId}/{frame.Sequence}: a gap record (and only it) carries a gap declaration", nameof(frame));
        }

        if (frame.Gap is { } gap && (gap.FirstDropped < 1 || gap.FirstDropped > gap.LastDropped || gap.LastDropped >= frame.Sequence))
        {
            throw new ArgumentException(
                $"gap record {frame.DeviceId}/{frame.Sequence}: needs 1 <= first <= last < sequence (protocol §5.4)", nameof(frame));
        }
    }
}
