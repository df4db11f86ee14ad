using System;
using Millwright.Protocol.Crypto;
using Millwright.Protocol.Text;

namespace Millwright.Firmware.Esp32.Platform;

/// <summary>
/// Start-up check that our managed HMAC-SHA-256 (which signs every frame) computes on nanoCLR what the chip's mbedTLS
/// computes: both must give the RFC 4231 test case 2 tag. The managed code is tested on .NET; this proves the
/// interpreter runs it the same way. A mismatch means frames would not verify at the controller.
/// </summary>
public static class NativeHmacCheck
{
    // RFC 4231 §4.3, test case 2.
    private const string Key = "Jefe";
    private const string Data = "what do ya want for nothing?";
    private const string ExpectedTag = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    /// <summary>Null when native, managed and expected tags are identical; otherwise what differed.</summary>
    public static string Run()
    {
        try
        {
            byte[] key = Ascii.GetBytes(Key);
            byte[] data = Ascii.GetBytes(Data);
            byte[] expected = Ascii.FromHex(ExpectedTag);

            byte[] native = System.Security.Cryptography.HMACSHA256.HashData(key, data);
            byte[] managed = new byte[HmacSha256.TagSize];
            new HmacSha256(key).Compute(data, 0, data.Length, managed, 0);

            bool nativeOk = native != null && native.Length == HmacSha256.TagSize &&
                ConstantTime.AreEqual(native, 0, expected, 0, HmacSha256.TagSize);
            bool managedOk = ConstantTime.AreEqual(managed, 0, expected, 0, HmacSha256.TagSize);
            if (nativeOk && managedOk)
            {
                return null;
            }

            return "RFC 4231 case 2: managed " + Ascii.ToHex(managed, 0, managed.Length) +
                ", native " + (native == null ? "none" : Ascii.ToHex(native, 0, native.Length)) +
                ", expected " + ExpectedTag;
        }
        catch (Exception e)
        {
            return "HMAC self-test threw " + e.Message;
        }
    }
}
