namespace Millwright.Controller.Devices;

/// <summary>
/// A secret the registry just stored (add, rotate, replace). It is returned once, for the operator to provision
/// onto the device; it is never logged. <see cref="CutOverSequence"/> is set for a rotation.
/// </summary>
public sealed record IssuedSecret(string DeviceId, int Generation, int Epoch, byte[] KeyId, byte[] Secret, long? CutOverSequence);
