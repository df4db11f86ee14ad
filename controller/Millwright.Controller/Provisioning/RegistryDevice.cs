namespace Millwright.Controller.Provisioning;

/// <summary>What the registry knows of a device (never its secret): its keys that still verify frames, and its frames.</summary>
public sealed record RegistryDevice(
    string DeviceId,
    bool Enabled,
    int CurrentEpoch,
    string CurrentKeyId,
    IReadOnlyList<string> ActiveKeyIds,
    long FramesStored,
    long LastSequence);
