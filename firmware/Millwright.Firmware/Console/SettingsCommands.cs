using Millwright.Firmware.Settings;

namespace Millwright.Firmware.Console;

/// <summary>
/// <c>get &lt;key&gt;</c>, <c>set &lt;key&gt; &lt;value&gt;</c>, <c>commit</c>, <c>abort</c>: edits of a staged copy, checked
/// value by value, stored only by <c>commit</c> (whole set checked again, atomic replace), together with a secret staged
/// by <c>secret</c> in the same session. A committed Wi-Fi change is applied to the network at once; other changes reach
/// the running firmware through the listener; a secret that replaced another one restarts the node (its running keys
/// are derived once per boot).
/// </summary>
public sealed class SettingsCommands
{
    private readonly ConsoleOutput _output;
    private readonly ConsoleEnvironment _environment;
    private readonly SettingsSession _session;

    public SettingsCommands(ConsoleOutput output, ConsoleEnvironment environment)
    {
        _output = output;
        _environment = environment;
        _session = new SettingsSession(environment.Settings, environment.Keys);
    }

    public bool HasChanges
    {
        get { return _session.HasChanges; }
    }

    /// <summary>The staged edits (the secret command stages into it).</summary>
    public SettingsSession Session
    {
        get { return _session; }
    }

    /// <summary>Drops staged edits (factory reset; a console session that ends).</summary>
    public void Discard()
    {
        _session.Abort();
    }

    public void Get(string argument)
    {
        if (argument.Length == 0 || argument.IndexOf(' ') >= 0)
        {
            _output.Error("usage: get <key>");
            return;
        }

        string value = SettingsFields.Describe(_session.Current, argument);
        if (value == null)
        {
            _output.Error(SettingsFields.UnknownKey());
            return;
        }

        _output.Ok(argument + " " + value);
    }

    public void Set(string argument)
    {
        int space = argument.IndexOf(' ');
        string key = space < 0 ? argument : argument.Substring(0, space);
        string value = space < 0 ? string.Empty : argument.Substring(space + 1);
        if (key.Length == 0)
        {
            _output.Error("usage: set <key> <value>");
            return;
        }

        string problem = _session.Set(key, value);
        if (problem != null)
        {
            _output.Error(problem);
            return;
        }

        _output.Ok(key + " staged: commit to store, abort to discard");
    }

    public void Commit()
    {
        DeviceSettings before = _environment.Settings.Active;
        string problem = _session.Commit();
        if (problem != null)
        {
            _output.Error(problem);
            return;
        }

        DeviceSettings after = _environment.Settings.Active;
        bool wifiChanged = before.WifiSsid != after.WifiSsid || before.WifiPassword != after.WifiPassword;
        if (wifiChanged && after.WifiSsid.Length > 0)
        {
            _environment.Network.Configure(after.WifiSsid, after.WifiPassword);
        }

        bool secretInstalled = _session.LastCommitInstalledSecret;
        bool restart = _session.LastCommitReplacedSecret;
        if (_environment.Listener != null)
        {
            _environment.Listener.OnSettingsCommitted();
            if (secretInstalled)
            {
                _environment.Listener.OnSecretInstalled();
            }
        }

        string text = wifiChanged ? "committed; wifi applied" : "committed";
        if (secretInstalled)
        {
            text += "; secret installed key-id=" + SecretCommands.KeyIdOf(_environment);
        }

        if (restart)
        {
            _output.Ok(text + "; rebooting to use the new secret");
            _environment.Health.Reboot();
            return;
        }

        _output.Ok(text);
    }

    public void Abort()
    {
        bool had = _session.HasChanges;
        _session.Abort();
        _output.Ok(had ? "staged changes discarded" : "nothing was staged");
    }
}
