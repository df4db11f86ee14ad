using System.Security.Cryptography;
using Millwright.Protocol.Keys;

namespace Millwright.Firmware.Tests.Console;

/// <summary>
/// A secret sent within a settings session is staged with the settings and installed by the same commit (issue 7:
/// provisioning must never leave a node half-configured); the previous secret stays in force until then.
/// </summary>
public sealed class ConsoleStagedSecretTests
{
    private static readonly string OtherHex = new('a', 64);

    private static string KeyId(byte[] secret) => Convert.ToHexStringLower(KeyDerivation.DeriveKeyId(secret));

    [Fact]
    public void A_secret_within_a_session_is_staged_and_installed_by_commit()
    {
        var bench = new ConsoleBench();
        bench.Single("set device-id press-7");

        string staged = bench.Single("secret " + ConsoleBench.SecretHex);

        Assert.Equal($"ok secret staged key-id={KeyId(ConsoleBench.Secret)}: commit to install, abort to discard", staged);
        Assert.False(bench.Keys.HasSecret);
        Assert.EndsWith($"key-id=none staged=yes", bench.Single("info"));
        Assert.Equal($"ok committed; secret installed key-id={KeyId(ConsoleBench.Secret)}", bench.Single("commit"));
        Assert.Equal(ConsoleBench.Secret, bench.Keys.ReadSecret());
        Assert.Equal(0, bench.Health.RebootCount);
        Assert.Equal(1, bench.Listener.SecretsInstalled);
    }

    [Fact]
    public void Abort_and_a_dropped_session_keep_the_previous_secret_and_settings()
    {
        var bench = new ConsoleBench();
        bench.Provision();
        bench.Single("set device-id press-8");
        bench.Single("secret " + OtherHex);

        Assert.Equal("ok staged changes discarded", bench.Single("abort"));

        Assert.Equal(ConsoleBench.Secret, bench.Keys.ReadSecret());
        Assert.Equal("press-7", bench.Settings.Active.DeviceId);
        Assert.Equal("error nothing to commit: no setting was changed", bench.Single("commit"));
    }

    [Fact]
    public void Prove_answers_for_the_staged_secret_before_commit()
    {
        var bench = new ConsoleBench();
        bench.Provision();
        bench.Single("set device-id press-7");
        bench.Single("secret " + OtherHex);
        byte[] challenge = RandomNumberGenerator.GetBytes(16);

        string reply = bench.Single("prove " + Convert.ToHexStringLower(challenge));

        byte[] key = KeyDerivation.Derive(Convert.FromHexString(OtherHex), KeyPurpose.ConsoleProof);
        Assert.Equal("ok proof " + Convert.ToHexStringLower(HMACSHA256.HashData(key, challenge)), reply);
    }

    [Fact]
    public void A_replaced_secret_is_installed_with_the_settings_and_the_node_restarts()
    {
        var bench = new ConsoleBench();
        bench.Provision();
        bench.Single("set device-id press-9");
        bench.Single("secret " + OtherHex);

        string reply = bench.Single("commit");

        Assert.Equal($"ok committed; secret installed key-id={KeyId(Convert.FromHexString(OtherHex))}; rebooting to use the new secret", reply);
        Assert.Equal(Convert.FromHexString(OtherHex), bench.Keys.ReadSecret());
        Assert.Equal("press-9", bench.Settings.Active.DeviceId);
        Assert.Equal(1, bench.Health.RebootCount);
    }

    [Fact]
    public void Settings_that_cannot_be_stored_put_the_previous_secret_back()
    {
        var bench = new ConsoleBench();
        bench.Provision();
        bench.Single("set device-id press-9");
        bench.Single("secret " + OtherHex);
        bench.Flash.FailReplaces = 1;

        string reply = bench.Single("commit");

        Assert.StartsWith("error settings could not be stored", reply);
        Assert.Equal(ConsoleBench.Secret, bench.Keys.ReadSecret());
        Assert.Equal("press-7", bench.Settings.Active.DeviceId);
        Assert.Equal(0, bench.Health.RebootCount);
    }

    [Fact]
    public void Outside_a_session_a_second_secret_is_still_refused()
    {
        var bench = new ConsoleBench();
        bench.Provision();

        Assert.StartsWith("error a secret is already installed", bench.Single("secret " + OtherHex));
    }

    [Fact]
    public void Factory_reset_drops_a_staged_secret()
    {
        var bench = new ConsoleBench();
        bench.Single("set device-id press-7");
        bench.Single("secret " + OtherHex);
        string token = bench.Single("factory-reset").Split(' ')[^1];

        bench.Single("factory-reset " + token);

        Assert.False(bench.Keys.HasSecret);
        Assert.Equal("error nothing to commit: no setting was changed", bench.Single("commit"));
    }

    [Fact]
    public void The_staged_secret_never_appears_in_what_the_console_writes()
    {
        var bench = new ConsoleBench();
        bench.Single("set device-id press-7");
        bench.Single("secret " + OtherHex);
        bench.Single("get device-id");
        bench.Single("prove 0011223344556677");
        bench.Single("commit");

        Assert.DoesNotContain(OtherHex, bench.AllText(), StringComparison.OrdinalIgnoreCase);
    }
}
