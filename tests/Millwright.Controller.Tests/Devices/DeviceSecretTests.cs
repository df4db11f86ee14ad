using System.Text;
using Millwright.Controller.Devices;

namespace Millwright.Controller.Tests.Devices;

public sealed class DeviceSecretTests
{
    private const string Hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    [Theory]
    [InlineData(Hex)]
    [InlineData(Hex + "\n")]
    [InlineData("  000102030405060708090A0B0C0D0E0F\r\n101112131415161718191A1B1C1D1E1F  ")]
    public void ReadsHexWithWhitespaceInEitherCase(string text)
    {
        Assert.Equal(Convert.FromHexString(Hex), DeviceSecret.Parse(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void ReadsThirtyTwoRawBytes()
    {
        byte[] raw = [.. Enumerable.Range(200, 32).Select(i => (byte)i)];
        Assert.Equal(raw, DeviceSecret.Parse(raw));
    }

    [Theory]
    [InlineData("0001")]
    [InlineData(Hex + "00")]
    [InlineData("zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")]
    public void RefusesAnythingElseSayingWhatItExpects(string text)
    {
        DeviceRegistryException refused = Assert.Throws<DeviceRegistryException>(() => DeviceSecret.Parse(Encoding.ASCII.GetBytes(text)));
        Assert.Contains("64 hex digits or exactly 32 bytes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesARepeatedByte()
    {
        Assert.Throws<DeviceRegistryException>(() => DeviceSecret.Parse(new byte[32]));
        Assert.Throws<DeviceRegistryException>(() => DeviceSecret.Parse(Encoding.ASCII.GetBytes(new string('f', 64))));
    }

    [Fact]
    public void GeneratesThirtyTwoRandomBytesAndWritesLowercaseHex()
    {
        byte[] secret = DeviceSecret.Generate();
        Assert.Equal(32, secret.Length);
        Assert.NotEqual(secret, DeviceSecret.Generate());
        Assert.Equal(Hex, DeviceSecret.ToHex(Convert.FromHexString(Hex)));
    }
}
