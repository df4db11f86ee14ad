namespace Millwright.Controller.Storage.Records;

/// <summary>
/// One key generation of a device. Generations count 1, 2, 3… per device across rotations and replacements; the
/// epoch changes only on replacement. <see cref="Secret"/> is the 32-byte device secret (see IControllerStore on how
/// it is protected).
/// </summary>
/// <param name="AcceptedBelowSequence">Set when a rotation moved away from this generation: it is then accepted only
/// for frames of its epoch with sequence below this cut-over. Null for the current generation.</param>
/// <param name="ValidFromSequence">For a generation created by rotation: the cut-over from which only it (not its
/// predecessor) is accepted. It verifies frames below the cut-over too (a device re-provisioned early keeps counting
/// from where it was). Null for a first key or a replacement key (valid from sequence 1 of its epoch).</param>
/// <param name="ReplacedAt">When the device was replaced: all generations of the older epoch are retired then.</param>
public sealed record DeviceKeyRecord(
    string DeviceId,
    int Generation,
    int Epoch,
    byte[] KeyId,
    byte[] Secret,
    KeyState State,
    DateTimeOffset CreatedAt,
    long? ValidFromSequence,
    long? AcceptedBelowSequence,
    DateTimeOffset? RetiredAt,
    DateTimeOffset? ReplacedAt);
