namespace Millwright.Controller.Storage.Records;

/// <summary>Why a message was rejected. Values are stored and counted: never renumber, only add.</summary>
public enum QuarantineReason
{
    /// <summary>Not deterministic CBOR of the protocol subset (a <c>Cbor*</c> protocol error).</summary>
    BadCbor = 1,

    /// <summary>Not a COSE_Mac0 of our shape, or an unsupported algorithm.</summary>
    BadCose = 2,

    /// <summary>The MAC does not verify with the key the kid selected.</summary>
    BadMac = 3,

    /// <summary>The topic's device is not registered.</summary>
    UnknownDevice = 4,

    /// <summary>The kid names no key of this device.</summary>
    UnknownKey = 5,

    /// <summary>The payload's device id differs from the topic's, or the message type does not belong on the topic.</summary>
    TopicMismatch = 6,

    /// <summary>A replay: a different message under an already stored (device, epoch, sequence), or a frame signed
    /// with a key retired by replacement.</summary>
    Replay = 7,

    /// <summary>The frame's time is implausibly far from the controller's clock.</summary>
    ClockSkew = 8,

    /// <summary>Larger than the protocol allows (2048 bytes).</summary>
    Oversize = 9,

    /// <summary>The device is disabled in the registry.</summary>
    Disabled = 10,

    /// <summary>A well-formed, authentic payload with a missing or invalid field (a <c>Message*</c> protocol error).</summary>
    InvalidMessage = 11,

    /// <summary>Signed with a rotated-out key for a sequence at or beyond its cut-over.</summary>
    KeyRetired = 12,

    /// <summary>The topic is not one of the protocol's forms.</summary>
    BadTopic = 13,
}
