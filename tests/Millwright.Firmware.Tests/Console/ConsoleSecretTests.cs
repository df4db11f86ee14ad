using System.Security.Cryptography;
using System.Text;
using Millwright.Protocol.Keys;

namespace Millwright.Firmware.Tests.Console;

public class ConsoleSecretTests
{
    private static readonly string KeyIdHex = Convert.ToHexStringLower(KeyDerivation.DeriveKeyId(ConsoleBench.Secret));

    [Fact]
    public void Secret_is_installed_and_only_its_key_id_is_shown()
    {
        var bench = new ConsoleBench();

        Assert.Equal("ok secret installed key-id=" + KeyIdHex, bench.Single("secret " + ConsoleBench.SecretHex));

        Assert.Equal(ConsoleBench.Secret, bench.Keys.ReadSecret());
        Assert.Equal(1, bench.Listener.SecretsInstalled);
    }

    [Fact]
    public void Uppercase_hex_is_accepted()
    {
        var bench = new ConsoleBench();

        Assert.StartsWith("ok secret installed", bench.Single("secret " + ConsoleBench.SecretHex.ToUpperInvariant()));
        Assert.Equal(ConsoleBench.Secret, bench.Keys.ReadSecret());
    }

    [Fact]
    public void Second_secret_is_refused_until_factory_reset()
    {
        var bench = new ConsoleBench();
        bench.Single("secret " + ConsoleBench.SecretHex);

        string reply = bench.Single("secret " + new string('a', 64));

        Assert.Equal($"error a secret is already installed (key-id={KeyIdHex}): factory-reset first", reply);
        Assert.Equal(ConsoleBench.Secret, bench.Keys.ReadSecret());
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("secret 0011")]
    [InlineData("secret 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1")]
    [InlineData("secret 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00")]
    [InlineData("secret 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1g")]
    [InlineData("secret  000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")]
    public void Malformed_secret_is_refused_without_quoting_it(string line)
    {
        var bench = new ConsoleBench();

        Assert.Equal("error usage: secret <64 hex digits> (the 32-byte device secret)", bench.Single(line));
        Assert.False(bench.Keys.HasSecret);
    }

    [Fact]
    public void All_zero_secret_is_refused()
    {
        var bench = new ConsoleBench();

        Assert.Equal("error secret must not be all zeros", bench.Single("secret " + new string('0', 64)));
    }

    [Fact]
    public void Key_store_failure_is_reported_without_its_exception_text()
    {
        var bench = new ConsoleBench();
        bench.Keys.FailWrites = true;

        Assert.Equal("error secret could not be stored", bench.Single("secret " + ConsoleBench.SecretHex));
    }

    [Fact]
    public void Prove_matches_an_independent_hkdf_and_hmac()
    {
        var bench = new ConsoleBench();
        bench.Single("secret " + ConsoleBench.SecretHex);
        byte[] challenge = RandomNumberGenerator.GetBytes(32);

        string reply = bench.Single("prove " + Convert.ToHexString(challenge));

        // RFC 5869 HKDF-SHA-256 from .NET, with the salt and label of docs/protocol.md, then HMAC-SHA-256 from .NET.
        byte[] proofKey = HKDF.DeriveKey(
            HashAlgorithmName.SHA256, ConsoleBench.Secret, 32, Encoding.ASCII.GetBytes("millwright/v1"), Encoding.ASCII.GetBytes("mw/v1 console-proof"));
        string expected = Convert.ToHexStringLower(HMACSHA256.HashData(proofKey, challenge));
        Assert.Equal("ok proof " + expected, reply);
    }

    [Fact]
    public void Proof_differs_for_another_secret_and_is_not_the_secret_or_a_message_key()
    {
        var bench = new ConsoleBench();
        bench.Single("secret " + ConsoleBench.SecretHex);
        string challenge = "00112233445566778899aabbccddeeff";

        string proof = bench.Single("prove " + challenge)["ok proof ".Length..];

        var keys = new DeviceKeys(ConsoleBench.Secret);
        byte[] challengeBytes = Convert.FromHexString(challenge);
        Assert.NotEqual(Convert.ToHexStringLower(HMACSHA256.HashData(keys.DeviceMessageKey, challengeBytes)), proof);
        Assert.NotEqual(Convert.ToHexStringLower(HMACSHA256.HashData(ConsoleBench.Secret, challengeBytes)), proof);
        Assert.DoesNotContain(ConsoleBench.SecretHex, proof);
    }

    [Theory]
    [InlineData("prove", "error usage: prove <challenge: 16 to 128 hex digits>")]
    [InlineData("prove 00112233445566", "error usage: prove <challenge: 16 to 128 hex digits>")]
    [InlineData("prove 0011223344556677x", "error usage: prove <challenge: 16 to 128 hex digits>")]
    [InlineData("prove 001122334455667", "error usage: prove <challenge: 16 to 128 hex digits>")]
    public void Malformed_challenge_is_refused(string line, string expected)
    {
        var bench = new ConsoleBench();
        bench.Single("secret " + ConsoleBench.SecretHex);

        Assert.Equal(expected, bench.Single(line));
        Assert.Equal(expected, bench.Single("prove " + new string('a', 130)));
    }

    [Fact]
    public void Prove_without_a_secret_says_so()
    {
        var bench = new ConsoleBench();

        Assert.Equal("error no secret installed", bench.Single("prove 0011223344556677"));
    }

    [Fact]
    public void The_secret_never_appears_in_any_byte_the_console_writes()
    {
        var bench = new ConsoleBench();
        bench.Network.KnownNetworks["Shop"] = ConsoleBench.WifiPassword;
        string[] session =
        [
            "secret " + ConsoleBench.SecretHex,
            "secret " + ConsoleBench.SecretHex,
            "secret " + ConsoleBench.SecretHex.ToUpperInvariant(),
            ConsoleBench.SecretHex,
            ConsoleBench.SecretHex[..24],
            "secrte " + ConsoleBench.SecretHex,
            "info", "status", "selftest", "help",
            "prove " + ConsoleBench.SecretHex,
            "set wifi-ssid Shop", "set wifi-password " + ConsoleBench.WifiPassword, "commit",
            "set wifi-password " + ConsoleBench.SecretHex[..40],
            "get " + ConsoleBench.SecretHex,
            "set " + ConsoleBench.SecretHex,
            "info " + ConsoleBench.SecretHex,
            "reboot " + ConsoleBench.SecretHex,
            "factory-reset " + ConsoleBench.SecretHex,
        ];
        foreach (string line in session)
        {
            bench.Run(line);
        }

        foreach (string key in Millwright.Firmware.Settings.SettingsFields.Keys)
        {
            bench.Run("get " + key);
        }

        bench.Port.Send(ImprovSerialTests.Rpc(0x03, []));
        bench.Port.Send(ImprovSerialTests.Rpc(0x02, []));
        bench.Pump();
        bench.RunRaw(new string('x', 400) + ConsoleBench.SecretHex + "\n");

        byte[] written = bench.Port.Written.ToArray();
        string text = Encoding.Latin1.GetString(written);
        Assert.NotEmpty(written);
        Assert.DoesNotContain(ConsoleBench.SecretHex, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ConsoleBench.SecretHex[..16], text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(-1, written.AsSpan().IndexOf(ConsoleBench.Secret.AsSpan(0, 8)));
        Assert.DoesNotContain(ConsoleBench.WifiPassword, text);
        Assert.DoesNotContain("horse", text);
    }

    [Fact]
    public void Receive_buffers_hold_no_trace_of_the_secret_after_the_line_is_handled()
    {
        var bench = new ConsoleBench();
        bench.Run("secret " + ConsoleBench.SecretHex);

        var flags = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
        var console = bench.Console;
        byte[] read = (byte[])console.GetType().GetField("_read", flags)!.GetValue(console)!;
        object framer = console.GetType().GetField("_framer", flags)!.GetValue(console)!;
        byte[] line = (byte[])framer.GetType().GetField("_buffer", flags)!.GetValue(framer)!;

        Assert.All(read, b => Assert.Equal(0, b));
        Assert.All(line, b => Assert.Equal(0, b));
    }
}
