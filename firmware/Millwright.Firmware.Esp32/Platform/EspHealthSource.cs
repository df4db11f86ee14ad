using System;
using Millwright.Firmware.Hardware;
using Millwright.Protocol.Text;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;

namespace Millwright.Firmware.Esp32.Platform;

/// <summary>
/// <see cref="IHealthSource"/> on the ESP32. nanoFramework exposes no esp_reset_reason(), so the reset reason is what
/// this node knows: a marker file written just before the resets it makes itself (console reboot, software watchdog),
/// the deep-sleep wake-up cause, and otherwise "power-on-or-fault" (power-on, brown-out, panic, reset pin or flashing
/// cannot be told apart from managed code).
/// </summary>
public sealed class EspHealthSource : IHealthSource
{
    public const string ReasonFile = "reset-reason";
    public const string Software = "software";
    public const string Watchdog = "watchdog";
    public const string DeepSleepWake = "deep-sleep-wake";
    public const string PowerOnOrFault = "power-on-or-fault";

    private readonly IRecordStore _store;
    private readonly string _resetReason;

    public EspHealthSource(IRecordStore store)
    {
        _store = store;
        _resetReason = TakeMarker(store);
        if (_resetReason == null)
        {
            _resetReason = Sleep.GetWakeupCause() != Sleep.WakeupCause.Undefined ? DeepSleepWake : PowerOnOrFault;
        }
    }

    /// <summary>Free managed heap. nanoFramework only reports it from a collection, so reading it runs the GC (a few ms).</summary>
    public long FreeMemoryBytes
    {
        get { return nanoFramework.Runtime.Native.GC.Run(false); }
    }

    public string ResetReason
    {
        get { return _resetReason; }
    }

    public void Reboot()
    {
        RebootFor(Software);
    }

    /// <summary>Leaves the reason for the next boot, then restarts the chip. Does not return.</summary>
    public void RebootFor(string reason)
    {
        try
        {
            byte[] text = Ascii.GetBytes(reason);
            _store.Replace(ReasonFile, text, 0, text.Length);
        }
        catch (Exception)
        {
            // The reboot matters more than the marker: the next boot then says power-on-or-fault.
        }

        Power.RebootDevice();
    }

    private static string TakeMarker(IRecordStore store)
    {
        try
        {
            int length = store.Length(ReasonFile);
            if (length <= 0 || length > 32)
            {
                return null;
            }

            byte[] text = new byte[length];
            int read = store.Read(ReasonFile, 0, text, 0, length);
            store.Delete(ReasonFile);
            int chars = Utf8.GetCharCount(text, 0, read);
            return chars < 0 ? null : Utf8.Decode(text, 0, read, chars);
        }
        catch (Exception)
        {
            return null;
        }
    }
}
