namespace Millwright.Firmware.Hardware;

/// <summary>The hardware watchdog: resets the node unless fed within its timeout.</summary>
public interface IWatchdog
{
    void Start(int timeoutMilliseconds);

    void Feed();
}
