namespace Millwright.Controller.Provisioning;

/// <summary>A key the registry just stored for a device, with the secret to write onto the node (shown nowhere).</summary>
public sealed record IssuedKey(int Generation, int Epoch, string KeyId, byte[] Secret);
