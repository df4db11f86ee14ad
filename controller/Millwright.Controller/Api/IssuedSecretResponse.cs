using Millwright.Controller.Devices;
using Millwright.Protocol.Keys;

namespace Millwright.Controller.Api;

/// <summary>The one response that carries a device secret (and the MQTT password derived from it, for an external
/// broker's password file). Provision it onto the device; it is not shown again.</summary>
public sealed record IssuedSecretResponse(
    string DeviceId, int Generation, int Epoch, string KeyId, string Secret, string MqttPassword, long? CutOverSequence)
{
    internal static IssuedSecretResponse From(IssuedSecret issued) =>
        new(issued.DeviceId, issued.Generation, issued.Epoch, Convert.ToHexStringLower(issued.KeyId), DeviceSecret.ToHex(issued.Secret),
            KeyDerivation.DeriveMqttPassword(issued.Secret), issued.CutOverSequence);
}
