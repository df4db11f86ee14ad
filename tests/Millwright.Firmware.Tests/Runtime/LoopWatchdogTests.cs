using Millwright.Firmware.Runtime;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Runtime;

public sealed class LoopWatchdogTests
{
    private const long Second = 1_000_000;

    [Fact]
    public void A_loop_that_completes_iterations_keeps_the_node_alive()
    {
        var clock = new FakeClock();
        var hardware = new RuntimeWatchdog(clock);
        var watchdog = new LoopWatchdog(hardware, 10_000);
        watchdog.Start();

        for (int i = 0; i < 600; i++)
        {
            clock.Advance(watchdog.MaxSleepMicros);
            watchdog.CompleteIteration();
            Assert.True(watchdog.FeedIfProgressed());
            Assert.False(hardware.WouldReset);
        }

        Assert.Equal(10_000, hardware.TimeoutMilliseconds);
        Assert.Equal(600, hardware.Feeds);
    }

    [Fact]
    public void A_stalled_loop_stops_feeding_even_when_a_timer_keeps_asking_and_the_node_resets()
    {
        var clock = new FakeClock();
        var hardware = new RuntimeWatchdog(clock);
        var watchdog = new LoopWatchdog(hardware, 10_000);
        watchdog.Start();
        watchdog.CompleteIteration();
        Assert.True(watchdog.FeedIfProgressed());

        // The loop hangs: it never completes another iteration. A feeder timer fires every second.
        for (int second = 1; second <= 11; second++)
        {
            clock.Advance(Second);
            Assert.False(watchdog.FeedIfProgressed());
        }

        Assert.Equal(1, hardware.Feeds);
        Assert.Equal(11, watchdog.Refusals);
        Assert.True(hardware.WouldReset);
    }

    [Fact]
    public void One_iteration_buys_one_feed()
    {
        var hardware = new RuntimeWatchdog(new FakeClock());
        var watchdog = new LoopWatchdog(hardware, 5_000);
        watchdog.Start();

        watchdog.CompleteIteration();
        watchdog.CompleteIteration();

        Assert.True(watchdog.FeedIfProgressed());
        Assert.False(watchdog.FeedIfProgressed());
        Assert.Equal(1, hardware.Feeds);
    }

    [Fact]
    public void Nothing_is_fed_before_the_watchdog_is_started()
    {
        var hardware = new RuntimeWatchdog(new FakeClock());
        var watchdog = new LoopWatchdog(hardware, 5_000);

        watchdog.CompleteIteration();

        Assert.False(watchdog.FeedIfProgressed());
        Assert.Equal(0, hardware.Feeds);
    }

    [Fact]
    public void The_loop_may_sleep_at_most_a_third_of_the_timeout()
    {
        var watchdog = new LoopWatchdog(new RuntimeWatchdog(new FakeClock()), 30_000);

        Assert.Equal(10 * Second, watchdog.MaxSleepMicros);
        Assert.Throws<ArgumentException>(() => new LoopWatchdog(new RuntimeWatchdog(new FakeClock()), 999));
    }
}
