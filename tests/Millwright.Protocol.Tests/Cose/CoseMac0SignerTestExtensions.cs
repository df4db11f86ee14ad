using Millwright.Protocol.Cose;

namespace Millwright.Protocol.Tests.Cose;

internal static class CoseMac0SignerTestExtensions
{
    public static byte[] Sign(this CoseMac0Signer signer, byte[] payload)
    {
        var output = new byte[payload.Length + 64];
        int length = signer.Sign(payload, 0, payload.Length, output, 0);
        return output[..length];
    }
}
