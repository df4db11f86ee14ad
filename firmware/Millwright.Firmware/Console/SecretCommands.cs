using System;
using Millwright.Firmware.Settings;
using Millwright.Protocol.Crypto;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Text;

namespace Millwright.Firmware.Console;

/// <summary>
/// <c>secret &lt;64 hex&gt;</c> installs the device secret, write-only: no command prints it, only its key id.
/// <c>prove &lt;challenge hex&gt;</c> answers HMAC-SHA-256(console-proof key, challenge), so a provisioning tool can check
/// that the node holds the secret it was given without the secret crossing the wire again. The console-proof key
/// is derived for this purpose only (KeyPurpose.ConsoleProof), so a proof is never a valid MAC of any message.
/// </summary>
public sealed class SecretCommands
{
    public const int MinChallengeBytes = 8;
    public const int MaxChallengeBytes = 64;

    private readonly ConsoleOutput _output;
    private readonly ConsoleEnvironment _environment;
    private readonly SettingsSession _session;
    private readonly HmacSha256 _hmac = new HmacSha256();
    private readonly byte[] _proof = new byte[HmacSha256.TagSize];

    /// <param name="session">The settings session a secret is staged into when the session has staged settings.</param>
    public SecretCommands(ConsoleOutput output, ConsoleEnvironment environment, SettingsSession session)
    {
        _output = output;
        _environment = environment;
        _session = session;
    }

    public void Install(ConsoleLine line)
    {
        // Within a session (settings staged), the secret is staged too and installed by the same commit; outside one it
        // is installed at once, and only when the node has none.
        bool staging = _session != null && _session.HasStagedSettings;
        if (!staging && _environment.Keys.HasSecret)
        {
            _output.Error("a secret is already installed (key-id=" + KeyIdText() + "): factory-reset first");
            return;
        }

        var secret = new byte[KeyDerivation.SecretSize];
        if (line.ArgumentLength != 2 * KeyDerivation.SecretSize ||
            !Ascii.TryParseHex(line.Data, line.ArgumentOffset, line.ArgumentLength, secret))
        {
            _output.Error("usage: secret <64 hex digits> (the 32-byte device secret)");
            return;
        }

        if (IsAllZero(secret))
        {
            _output.Error("secret must not be all zeros");
            return;
        }

        if (staging)
        {
            _session.StageSecret(secret);
            Array.Clear(secret, 0, secret.Length);
            _output.Ok("secret staged key-id=" + KeyIdHex(_session.StagedSecret) + ": commit to install, abort to discard");
            return;
        }

        try
        {
            _environment.Keys.WriteSecret(secret);
        }
        catch (Exception)
        {
            // The exception text of a platform key store could quote what it was given: do not print it.
            _output.Error("secret could not be stored");
            return;
        }

        if (_environment.Listener != null)
        {
            _environment.Listener.OnSecretInstalled();
        }

        _output.Ok("secret installed key-id=" + KeyIdText());
    }

    public void Prove(string argument)
    {
        byte[] challenge = Ascii.FromHex(argument);
        if (challenge == null || challenge.Length < MinChallengeBytes || challenge.Length > MaxChallengeBytes)
        {
            _output.Error("usage: prove <challenge: " + (2 * MinChallengeBytes).ToString() + " to " + (2 * MaxChallengeBytes).ToString() + " hex digits>");
            return;
        }

        // The secret a commit would leave in force: the staged one, else the installed one.
        bool staged = _session != null && _session.HasStagedSecret;
        byte[] secret = staged ? _session.StagedSecret : (_environment.Keys.HasSecret ? _environment.Keys.ReadSecret() : null);
        if (secret == null)
        {
            _output.Error("no secret installed");
            return;
        }

        byte[] key = KeyDerivation.Derive(secret, KeyPurpose.ConsoleProof);
        if (!staged)
        {
            Array.Clear(secret, 0, secret.Length);
        }

        _hmac.SetKey(key, 0, key.Length);
        Array.Clear(key, 0, key.Length);
        _hmac.Compute(challenge, 0, challenge.Length, _proof, 0);
        _output.Ok("proof " + Ascii.ToHex(_proof, 0, _proof.Length));
    }

    /// <summary>The installed secret's key id in hex, or "none".</summary>
    public static string KeyIdOf(ConsoleEnvironment environment)
    {
        byte[] secret = environment.Keys.HasSecret ? environment.Keys.ReadSecret() : null;
        string text = KeyIdHex(secret);
        if (secret != null)
        {
            Array.Clear(secret, 0, secret.Length);
        }

        return text;
    }

    private static string KeyIdHex(byte[] secret)
    {
        if (secret == null || secret.Length != KeyDerivation.SecretSize)
        {
            return "none";
        }

        byte[] keyId = KeyDerivation.DeriveKeyId(secret);
        return Ascii.ToHex(keyId, 0, keyId.Length);
    }

    private string KeyIdText()
    {
        return KeyIdOf(_environment);
    }

    private static bool IsAllZero(byte[] data)
    {
        int bits = 0;
        for (int i = 0; i < data.Length; i++)
        {
            bits |= data[i];
        }

        return bits == 0;
    }
}
