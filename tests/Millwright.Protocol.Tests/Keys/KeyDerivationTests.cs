using System.Security.Cryptography;
using System.Text;
using Millwright.Protocol.Keys;

namespace Millwright.Protocol.Tests.Keys;

public class KeyDerivationTests
{
    private static readonly byte[] Salt = Encoding.ASCII.GetBytes("millwright/v1");

    // The labels are part of the protocol (docs/protocol.md, "Key derivation"): changing one breaks every device.
    public static TheoryData<KeyPurpose, string> Labels() => new()
    {
        { KeyPurpose.DeviceMessages, "device-messages" },
        { KeyPurpose.ControllerMessages, "controller-messages" },
        { KeyPurpose.MqttPassword, "mqtt-password" },
        { KeyPurpose.KeyId, "key-id" },
        { KeyPurpose.ConsoleProof, "console-proof" },
    };

    [Theory]
    [MemberData(nameof(Labels))]
    public void MatchesRfc5869HkdfFromDotNet(KeyPurpose purpose, string label)
    {
        var random = new Random(5869 + (int)purpose);
        for (int i = 0; i < 20; i++)
        {
            var secret = new byte[32];
            random.NextBytes(secret);
            byte[] info = Encoding.ASCII.GetBytes("mw/v1 " + label);
            byte[] expected = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, Salt, info);

            Assert.Equal(expected, KeyDerivation.Derive(secret, purpose));
        }
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void IsOneHkdfExpandBlockOverThePrk(KeyPurpose purpose, string label)
    {
        // RFC 5869 §2.2–2.3 by hand: PRK = HMAC(salt, IKM); T(1) = HMAC(PRK, info ‖ 0x01); OKM = T(1) for L = 32.
        byte[] secret = TestSecret();
        byte[] prk = HMACSHA256.HashData(Salt, secret);
        byte[] info = [.. Encoding.ASCII.GetBytes("mw/v1 " + label), 0x01];

        Assert.Equal(HMACSHA256.HashData(prk, info), KeyDerivation.Derive(secret, purpose));
    }

    [Fact]
    public void DerivesIntoACallerBufferAtAnOffset()
    {
        var buffer = new byte[40];
        KeyDerivation.Derive(TestSecret(), KeyPurpose.DeviceMessages, buffer, 5);

        Assert.Equal(new byte[5], buffer[..5]);
        Assert.Equal(KeyDerivation.Derive(TestSecret(), KeyPurpose.DeviceMessages), buffer[5..37]);
        Assert.Equal(new byte[3], buffer[37..]);
    }

    [Fact]
    public void EveryPurposeGivesADifferentKey()
    {
        byte[] secret = TestSecret();
        KeyPurpose[] purposes = Enum.GetValues<KeyPurpose>();
        Assert.Equal(5, purposes.Length);

        var keys = purposes.Select(p => Convert.ToHexString(KeyDerivation.Derive(secret, p))).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.DoesNotContain(Convert.ToHexString(secret), keys);
    }

    [Fact]
    public void DifferentSecretsGiveDifferentKeys()
    {
        byte[] a = TestSecret();
        byte[] b = TestSecret();
        b[31] ^= 1;
        foreach (KeyPurpose purpose in Enum.GetValues<KeyPurpose>())
        {
            Assert.NotEqual(KeyDerivation.Derive(a, purpose), KeyDerivation.Derive(b, purpose));
        }
    }

    [Fact]
    public void KeyIdIsTheFirstEightBytesOfItsDerivation()
    {
        byte[] secret = TestSecret();
        byte[] keyId = KeyDerivation.DeriveKeyId(secret);

        Assert.Equal(8, keyId.Length);
        Assert.Equal(KeyDerivation.KeyIdSize, keyId.Length);
        Assert.Equal(KeyDerivation.Derive(secret, KeyPurpose.KeyId)[..8], keyId);

        // HKDF output is a prefix of any longer output, so an 8-byte HKDF gives the same id.
        Assert.Equal(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 8, Salt, Encoding.ASCII.GetBytes("mw/v1 key-id")), keyId);
    }

    [Fact]
    public void MqttPasswordIs32LowercaseHexCharactersOf128DerivedBits()
    {
        var random = new Random(1883);
        for (int i = 0; i < 50; i++)
        {
            var secret = new byte[32];
            random.NextBytes(secret);
            string password = KeyDerivation.DeriveMqttPassword(secret);

            Assert.Equal(32, password.Length);
            Assert.All(password, c => Assert.True(c is (>= '0' and <= '9') or (>= 'a' and <= 'f'), $"'{c}' is not lowercase hex"));
            Assert.Equal(Convert.ToHexStringLower(KeyDerivation.Derive(secret, KeyPurpose.MqttPassword)[..16]), password);
        }
    }

    [Fact]
    public void DeviceKeysHoldsEveryDerivation()
    {
        byte[] secret = TestSecret();
        var keys = new DeviceKeys(secret);

        Assert.Equal(KeyDerivation.Derive(secret, KeyPurpose.DeviceMessages), keys.DeviceMessageKey);
        Assert.Equal(KeyDerivation.Derive(secret, KeyPurpose.ControllerMessages), keys.ControllerMessageKey);
        Assert.Equal(KeyDerivation.Derive(secret, KeyPurpose.ConsoleProof), keys.ConsoleProofKey);
        Assert.Equal(KeyDerivation.DeriveKeyId(secret), keys.KeyId);
        Assert.Equal(KeyDerivation.DeriveMqttPassword(secret), keys.MqttPassword);
        Assert.Equal(32, keys.DeviceMessageKey.Length);
        Assert.Equal(32, keys.ControllerMessageKey.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void RejectsASecretThatIsNot32Bytes(int length)
    {
        var secret = new byte[length];
        Assert.Equal(ProtocolError.MessageInvalidField, Assert.Throws<ProtocolException>(() => KeyDerivation.Derive(secret, KeyPurpose.DeviceMessages)).Error);
        Assert.Throws<ProtocolException>(() => KeyDerivation.DeriveKeyId(secret));
        Assert.Throws<ProtocolException>(() => KeyDerivation.DeriveMqttPassword(secret));
        Assert.Throws<ProtocolException>(() => new DeviceKeys(secret));
    }

    [Fact]
    public void RejectsAMissingSecretAndAnUnknownPurpose()
    {
        Assert.Throws<ProtocolException>(() => KeyDerivation.Derive(null!, KeyPurpose.DeviceMessages));
        Assert.Throws<ProtocolException>(() => new DeviceKeys(null!));
        Assert.Throws<ProtocolException>(() => KeyDerivation.Derive(TestSecret(), (KeyPurpose)99));
    }

    private static byte[] TestSecret() => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
}
