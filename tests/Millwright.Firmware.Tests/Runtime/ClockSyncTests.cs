using Millwright.Firmware.Runtime;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Runtime;

public sealed class ClockSyncTests
{
    private const long Second = 1_000_000;

    [Fact]
    public void An_unsynced_clock_takes_the_controllers_time()
    {
        var clock = new FakeClock(0, 42);
        var sync = new ClockSync(clock, 5 * Second);

        sync.OnControllerTime(FakeClock.SyncedEpochMicros);

        Assert.Equal(FakeClock.SyncedEpochMicros, clock.UtcMicros);
        Assert.Equal(TimeQuality.Controller, clock.Quality);
        Assert.Equal(1, sync.Sets);
    }

    [Fact]
    public void A_clock_set_by_the_controller_is_set_again_only_when_it_is_off_by_more_than_the_threshold()
    {
        var clock = new FakeClock();
        var sync = new ClockSync(clock, 5 * Second);
        sync.OnControllerTime(FakeClock.SyncedEpochMicros);

        sync.OnControllerTime(FakeClock.SyncedEpochMicros - (4 * Second)); // an ack delayed in the broker
        Assert.Equal(FakeClock.SyncedEpochMicros, clock.UtcMicros);

        sync.OnControllerTime(FakeClock.SyncedEpochMicros + (6 * Second));
        Assert.Equal(FakeClock.SyncedEpochMicros + (6 * Second), clock.UtcMicros);
        Assert.Equal(2, sync.Sets);
    }

    [Fact]
    public void An_sntp_clock_is_never_touched_and_nonsense_times_are_ignored()
    {
        var clock = new FakeClock();
        clock.SetUtc(FakeClock.SyncedEpochMicros, TimeQuality.Sntp);
        var sync = new ClockSync(clock, 5 * Second);

        sync.OnControllerTime(FakeClock.SyncedEpochMicros + (3600 * Second));
        Assert.Equal(FakeClock.SyncedEpochMicros, clock.UtcMicros);

        var unsynced = new FakeClock();
        var other = new ClockSync(unsynced, 5 * Second);
        other.OnControllerTime(0);
        other.OnControllerTime(-5);
        Assert.Equal(TimeQuality.Unsynced, unsynced.Quality);
        Assert.Equal(0, other.Sets);
    }
}
