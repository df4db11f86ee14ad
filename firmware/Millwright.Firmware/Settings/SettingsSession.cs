namespace Millwright.Firmware.Settings;

/// <summary>
/// A technician's edits: a staged copy of the active settings, changed one value at a time (each checked at once),
/// then committed as a whole or abandoned. Nothing reaches the active settings or flash before <see cref="Commit"/>.
/// </summary>
public sealed class SettingsSession
{
    private readonly SettingsStore _store;
    private DeviceSettings _staged;

    public SettingsSession(SettingsStore store)
    {
        _store = store;
    }

    /// <summary>True once a value was set and not yet committed or aborted.</summary>
    public bool HasChanges
    {
        get { return _staged != null; }
    }

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

    /// <summary>Stores the staged set atomically; returns null or the problem (the staged copy is kept for fixing).</summary>
    public string Commit()
    {
        if (_staged == null)
        {
            return "nothing to commit: no setting was changed";
        }

        string problem = _store.Commit(_staged);
        if (problem == null)
        {
            _staged = null;
        }

        return problem;
    }

    public void Abort()
    {
        _staged = null;
    }
}
