using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Settings;

/// <summary>
/// A technician's edits: a staged copy of the active settings, changed one value at a time (each checked at once),
/// and optionally a staged device secret, then committed as a whole or abandoned. Nothing reaches the active settings,
/// the key store or flash before <see cref="Commit"/>, so a session cut at any point (cable pulled, tool killed)
/// leaves the previous settings and the previous secret in force.
/// </summary>
public sealed class SettingsSession
{
    private readonly SettingsStore _store;
    private readonly IKeyStore _keys;
    private DeviceSettings _staged;
    private byte[] _stagedSecret;

    public SettingsSession(SettingsStore store)
        : this(store, null)
    {
    }

    /// <param name="keys">Where a staged secret is installed on commit (null: secrets cannot be staged).</param>
    public SettingsSession(SettingsStore store, IKeyStore keys)
    {
        _store = store;
        _keys = keys;
    }

    /// <summary>True once a value or a secret was staged and not yet committed or aborted.</summary>
    public bool HasChanges
    {
        get { return _staged != null || _stagedSecret != null; }
    }

    /// <summary>True when settings (not only a secret) are staged.</summary>
    public bool HasStagedSettings
    {
        get { return _staged != null; }
    }

    public bool HasStagedSecret
    {
        get { return _stagedSecret != null; }
    }

    /// <summary>The secret a commit would install (null when none is staged). Callers must not keep or change it.</summary>
    public byte[] StagedSecret
    {
        get { return _stagedSecret; }
    }

    /// <summary>True when the last successful <see cref="Commit"/> installed a staged secret.</summary>
    public bool LastCommitInstalledSecret { get; private set; }

    /// <summary>True when that secret replaced another one (the running keys are then stale: the node must restart).</summary>
    public bool LastCommitReplacedSecret { get; private set; }

    /// <summary>What a commit would store now: the staged copy, or the active settings when nothing is staged.</summary>
    public DeviceSettings Current
    {
        get { return _staged != null ? _staged : _store.Active; }
    }

    /// <summary>Checks and stages one value; returns null or the problem (the staged copy is then unchanged).</summary>
    public string Set(string key, string text)
    {
        if (!SettingsFields.IsKnown(key))
        {
            return SettingsFields.UnknownKey();
        }

        DeviceSettings target = _staged != null ? _staged : _store.Active;
        string problem = SettingsFields.Apply(target, key, text);
        if (problem == null)
        {
            _staged = target;
        }

        return problem;
    }

    /// <summary>Stages a copy of <paramref name="secret"/> (32 bytes), replacing (and wiping) any staged before.</summary>
    public void StageSecret(byte[] secret)
    {
        WipeStagedSecret();
        _stagedSecret = new byte[secret.Length];
        System.Array.Copy(secret, _stagedSecret, secret.Length);
    }

    /// <summary>
    /// Stores what is staged; returns null or the problem (then nothing changed, and the staged copy is kept for fixing).
    /// The whole settings set is checked before anything is written. A staged secret is written first and the settings
    /// after it; if the settings cannot be stored, the previous secret is written back.
    /// </summary>
    public string Commit()
    {
        LastCommitInstalledSecret = false;
        LastCommitReplacedSecret = false;
        if (!HasChanges)
        {
            return "nothing to commit: no setting was changed";
        }

        if (_staged != null)
        {
            string invalid = SettingsValidator.Check(_staged);
            if (invalid != null)
            {
                return invalid;
            }
        }

        byte[] previous = null;
        if (_stagedSecret != null)
        {
            previous = _keys.HasSecret ? _keys.ReadSecret() : null;
            try
            {
                _keys.WriteSecret(_stagedSecret);
            }
            catch (System.Exception)
            {
                // A platform key store's exception text could quote what it was given: do not pass it on.
                Wipe(previous);
                return "secret could not be stored; the previous settings and secret stay in force";
            }
        }

        string problem = _staged == null ? null : _store.Commit(_staged);
        if (problem != null)
        {
            RestoreSecret(previous);
            Wipe(previous);
            return problem;
        }

        LastCommitInstalledSecret = _stagedSecret != null;
        LastCommitReplacedSecret = previous != null && !SameBytes(previous, _stagedSecret);
        Wipe(previous);
        WipeStagedSecret();
        _staged = null;
        return null;
    }

    public void Abort()
    {
        _staged = null;
        WipeStagedSecret();
    }

    private void RestoreSecret(byte[] previous)
    {
        if (_stagedSecret == null)
        {
            return;
        }

        try
        {
            if (previous != null)
            {
                _keys.WriteSecret(previous);
            }
            else
            {
                _keys.Erase();
            }
        }
        catch (System.Exception)
        {
            // Nothing better to do here: the settings were not stored either, and the next commit writes the secret again.
        }
    }

    private void WipeStagedSecret()
    {
        Wipe(_stagedSecret);
        _stagedSecret = null;
    }

    private static void Wipe(byte[] data)
    {
        if (data != null)
        {
            System.Array.Clear(data, 0, data.Length);
        }
    }

    private static bool SameBytes(byte[] a, byte[] b)
    {
        if (a == null || b == null || a.Length != b.Length)
        {
            return false;
        }

        int bits = 0;
        for (int i = 0; i < a.Length; i++)
        {
            bits |= a[i] ^ b[i];
        }

        return bits == 0;
    }
}
