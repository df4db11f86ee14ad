namespace Millwright.Controller.Devices;

/// <summary>What a (device id, kid) lookup found. Each refusal maps to one quarantine reason.</summary>
public enum KeyLookupStatus
{
    /// <summary>A key that may verify the frame; still check <see cref="VerificationKey.AcceptsSequence"/>.</summary>
    Found = 1,

    /// <summary>No such device (QuarantineReason.UnknownDevice).</summary>
    UnknownDevice = 2,

    /// <summary>The device is disabled (QuarantineReason.Disabled).</summary>
    DeviceDisabled = 3,

    /// <summary>The kid names no key of this device (QuarantineReason.UnknownKey).</summary>
    UnknownKey = 4,

    /// <summary>The kid names a key of an epoch the device was replaced out of (QuarantineReason.KeyRetired).</summary>
    KeyRetired = 5,
}
