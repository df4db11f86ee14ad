namespace Millwright.Controller.Provisioning;

/// <summary>A node provisioned and heard from: its key, epoch, and the sequence number of the first frame stored.</summary>
public sealed record ProvisioningResult(string DeviceId, string KeyId, int Epoch, long FirstSequence);
