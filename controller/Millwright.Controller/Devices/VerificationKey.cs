using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Keys;

namespace Millwright.Controller.Devices;

/// <summary>
/// A key generation with its derived keys (derived once when the cache loads, never per frame). Frames it verifies
/// belong to <see cref="Epoch"/>; <see cref="Generation"/> goes into <see cref="FrameToStore.KeyGeneration"/>.
/// </summary>
public sealed class VerificationKey
{
    internal VerificationKey(DeviceKeyRecord record)
    {
        DeviceId = record.DeviceId;
        Generation = record.Generation;
        Epoch = record.Epoch;
        KeyId = record.KeyId;
        AcceptedBelowSequence = record.AcceptedBelowSequence;
        Keys = new DeviceKeys(record.Secret);
    }

    public string DeviceId { get; }

    public int Generation { get; }

    public int Epoch { get; }

    public byte[] KeyId { get; }

    /// <summary>Set for a rotated-out generation: the cut-over (see <see cref="AcceptsSequence"/>).</summary>
    public long? AcceptedBelowSequence { get; }

    /// <summary>Device-messages key (verify frames, gap records, status), controller-messages key (sign acks and
    /// commands), MQTT password.</summary>
    public DeviceKeys Keys { get; }

    /// <summary>
    /// Rotation rule: a rotated-out key verifies only frames with sequence below its cut-over (frames the device had
    /// signed before it got its new key); anything at or beyond it signed with the old key is refused
    /// (QuarantineReason.KeyRetired). The current key accepts every sequence of its epoch.
    /// </summary>
    public bool AcceptsSequence(long sequence) => AcceptedBelowSequence is not { } cutOver || sequence < cutOver;
}
