using Millwright.Firmware.Hardware;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// Sets the wall clock from the controller's time in its acks (issue 3 §2): when the clock has not been synced yet, and
/// again when a clock set this way is off by more than the threshold. A clock synced by SNTP is never touched: SNTP is
/// the better source, and an ack's time is older by the broker's delivery delay.
/// </summary>
public sealed class ClockSync
{
    private readonly IClock _clock;
    private readonly long _resyncMicros;

    public ClockSync(IClock clock, long resyncMicros)
    {
        _clock = clock;
        _resyncMicros = resyncMicros;
    }

    public int Sets { get; private set; }

    public void OnControllerTime(long controllerTimeMicros)
    {
        if (controllerTimeMicros <= 0)
        {
            return;
        }

        TimeQuality quality = _clock.Quality;
        if (quality == TimeQuality.Unsynced)
        {
            Set(controllerTimeMicros);
        }
        else if (quality == TimeQuality.Controller)
        {
            long difference = _clock.UtcMicros - controllerTimeMicros;
            if (difference > _resyncMicros || -difference > _resyncMicros)
            {
                Set(controllerTimeMicros);
            }
        }
    }

    private void Set(long controllerTimeMicros)
    {
        _clock.SetUtc(controllerTimeMicros, TimeQuality.Controller);
        Sets++;
    }
}
