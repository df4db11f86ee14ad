using System.Collections.Concurrent;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Mqtt;

/// <summary>
/// One seeded chaos run: frames keep being appended while the schedule drops, delays, duplicates and reorders
/// messages, refuses and drops connections, restarts the broker and takes the controller down; then the chaos stops
/// and the system is left to settle. Checks the window invariant after every update.
/// </summary>
internal sealed class ChaosRun
{
    public const long ChaosMicros = 90_000_000;
    public const long SettleLimitMicros = 600_000_000;
    public const int StepsPerFrame = 10;

    private int _checkedPublishes;

    private ChaosRun(int seed)
    {
        Harness = new MqttSessionHarness(ChaosSchedule.Random(seed), randomSeed: seed);
        Harness.AfterUpdate = CheckWindow;
    }

    public MqttSessionHarness Harness { get; }

    public bool Settled { get; private set; }

    public List<string> WindowViolations { get; } = new();

    /// <summary>Most frames published by one update.</summary>
    public int MostFramesInOneUpdate { get; private set; }

    public int MostInFlight { get; private set; }

    private static readonly ConcurrentDictionary<int, Lazy<ChaosRun>> Runs = new();

    /// <summary>The run of <paramref name="seed"/>, executed once per test process (a run is fully determined by its seed).</summary>
    public static ChaosRun Of(int seed) => Runs.GetOrAdd(seed, s => new Lazy<ChaosRun>(() => Execute(s))).Value;

    public static ChaosRun Execute(int seed)
    {
        var run = new ChaosRun(seed);
        MqttSessionHarness h = run.Harness;
        for (int step = 0; h.Clock.NowMicros < ChaosMicros; step++)
        {
            if (step % StepsPerFrame == 0)
            {
                h.AppendFrame();
            }

            h.Step();
        }

        h.Chaos.Stop();
        run.Settled = h.RunUntil(
            () => h.Outbox.Depth == 0 && h.Controller.HighestContiguous == h.LastAppended && h.Controller.IsUp,
            SettleLimitMicros);
        return run;
    }

    public override string ToString() =>
        $"seed {Harness.Chaos.Seed}: {Harness.Chaos.Counters}; appended {Harness.LastAppended}, stored {Harness.Controller.Stored.Count}, " +
        $"contiguous {Harness.Controller.HighestContiguous}, outbox depth {Harness.Outbox.Depth}, session {Harness.Session.State}, " +
        $"acked {Harness.Session.AckedSequence}, connects {Harness.Session.ConnectAttempts}, resends {Harness.Session.Resends}";

    private void CheckWindow()
    {
        MqttSessionHarness h = Harness;
        int window = h.Options.MaxInFlightFrames;
        MostInFlight = Math.Max(MostInFlight, h.Session.InFlightFrames);
        if (h.Session.InFlightFrames > window)
        {
            WindowViolations.Add($"{h.Session.InFlightFrames} frames in flight at {h.Clock.NowMicros} µs");
        }

        int framesThisUpdate = 0;
        for (; _checkedPublishes < h.Broker.DevicePublishes.Count; _checkedPublishes++)
        {
            MemoryBrokerPublish publish = h.Broker.DevicePublishes[_checkedPublishes];
            if (publish.Topic != h.Session.Topics.Frames)
            {
                continue;
            }

            framesThisUpdate++;
            ulong sequence = h.SequenceOf(publish.Payload);
            if (sequence > h.Session.AckedSequence + (ulong)window)
            {
                WindowViolations.Add($"frame {sequence} published while only {h.Session.AckedSequence} was acked");
            }
        }

        MostFramesInOneUpdate = Math.Max(MostFramesInOneUpdate, framesThisUpdate);
    }
}
