namespace Millwright.Firmware.Console;

/// <summary>Told by the console (and Improv) when configuration changes, so the firmware can apply it without a reboot.</summary>
public interface IConfigurationListener
{
    /// <summary>A new settings set was committed (read it from the settings store).</summary>
    void OnSettingsCommitted();

    /// <summary>A device secret was installed (derive the keys from the key store).</summary>
    void OnSecretInstalled();
}
