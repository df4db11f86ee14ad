namespace Millwright.Controller.Storage.Records;

/// <summary>A device secret to store as a new key generation, with its 8-byte key id (KeyDerivation.DeriveKeyId).</summary>
public sealed record NewDeviceKey(byte[] KeyId, byte[] Secret);
