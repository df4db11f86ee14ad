namespace Millwright.Firmware.Console;

/// <summary>A component with data a factory reset erases besides the secret and settings (the outbox, for one).</summary>
public interface IFactoryResetParticipant
{
    /// <summary>Erases the component's stored data. Called once, just before the node reboots.</summary>
    void EraseForFactoryReset();
}
