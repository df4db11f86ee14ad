using System.Diagnostics;

namespace Millwright.Controller.Cli.Bench;

/// <summary>
/// Many <see cref="SimulatedDevice"/>s, each on its own MQTT connection, and one ticker that drives them: open-loop
/// production at a fixed rate per device (each device's phase shifted, so the fleet does not publish in step), and
/// the ack-timeout check. Open loop means frames are made on schedule whether or not the controller keeps up — a
/// slow controller shows as growing outboxes and latency, not as a politely lower offered load.
/// </summary>
internal sealed class SimulatedFleet : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private readonly SimulatedDevice[] _devices;
    private readonly FleetSchedule _schedule;
    private readonly long[] _scheduled;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private long _productionStarted;
    private volatile bool _producing;

    private SimulatedFleet(SimulatedDevice[] devices, FleetSchedule schedule, LatencyHistogram latencies)
    {
        _devices = devices;
        _schedule = schedule;
        _scheduled = new long[devices.Length];
        Latencies = latencies;
    }

    internal IReadOnlyList<SimulatedDevice> Devices => _devices;

    /// <summary>Publish→ack latency of every frame freed by an ack (reset it to measure a window).</summary>
    internal LatencyHistogram Latencies { get; }

    internal int OnlineCount => _devices.Count(d => d.Online);

    internal DeviceCounters Totals => _devices.Aggregate(default(DeviceCounters), (sum, d) => sum + d.Counters);

    /// <summary>True once production is over (stopped, or every device made its limit) and acks freed every frame.</summary>
    internal bool Drained =>
        (!_producing || (_schedule.FramesPerDevice > 0 && _scheduled.All(s => s >= _schedule.FramesPerDevice))) && _devices.All(d => d.Pending == 0);

    internal static SimulatedFleet Create(
        string host, int port, string plantId, IReadOnlyList<FleetMember> members, SimulatedDeviceOptions options, FleetSchedule schedule)
    {
        var latencies = new LatencyHistogram();
        SimulatedDevice[] devices = members.Select(m => new SimulatedDevice(host, port, plantId, m.DeviceId, m.Secret, options, latencies)).ToArray();
        return new SimulatedFleet(devices, schedule, latencies);
    }

    /// <summary>Starts every device's connection loop (they reconnect by themselves until disposed).</summary>
    internal void Connect()
    {
        foreach (SimulatedDevice device in _devices)
        {
            _running.Add(Task.Run(() => device.RunAsync(_stop.Token)));
        }
    }

    internal async Task<bool> WaitAllOnlineAsync(TimeSpan timeout)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (OnlineCount < _devices.Length)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Starts the schedule's production and the ack-timeout checks.</summary>
    internal void StartProducing()
    {
        _productionStarted = Stopwatch.GetTimestamp();
        _producing = true;
        _running.Add(Task.Run(() => TickAsync(_stop.Token)));
    }

    /// <summary>Makes no more frames; the ack-timeout checks go on, so what is in the outboxes still gets through.</summary>
    internal void StopProducing() => _producing = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_devices.Select(d => d.DisposeAsync().AsTask())).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                long now = Stopwatch.GetTimestamp();
                double elapsed = (now - _productionStarted) / (double)Stopwatch.Frequency;
                DateTimeOffset wallClock = DateTimeOffset.UtcNow;
                for (int i = 0; i < _devices.Length; i++)
                {
                    Produce(i, elapsed, wallClock);
                    _devices[i].CheckAckTimeout(now);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Produce(int index, double elapsedSeconds, DateTimeOffset wallClock)
    {
        if (!_producing || _schedule.FramesPerSecondPerDevice <= 0)
        {
            return;
        }

        double phase = index / (double)_devices.Length;
        long due = (long)Math.Floor((elapsedSeconds * _schedule.FramesPerSecondPerDevice) + phase);
        if (_schedule.FramesPerDevice > 0)
        {
            due = Math.Min(due, _schedule.FramesPerDevice);
        }

        while (_scheduled[index] < due)
        {
            _devices[index].Produce(wallClock);
            _scheduled[index]++;
        }
    }
}
