namespace Millwright.Firmware.Tests.Fakes;

/// <summary>
/// Every decision the in-memory broker and controller make about faults, drawn from one seeded random source so a
/// failing schedule replays exactly from its seed: drop, duplicate and delay (hence reorder) each message in either
/// direction; refuse a connection or never answer it; drop a live connection; restart the broker; take the
/// controller down for a while. <see cref="Stop"/> ends the chaos: afterwards every message arrives once, in order.
/// </summary>
internal sealed class ChaosSchedule
{
    /// <summary>Delivery delay when nothing is delayed on purpose (so calm delivery keeps publish order).</summary>
    public const long CalmDelayMicros = 1_000;

    private readonly Random _random;

    public ChaosSchedule(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>A schedule that does nothing until a test sets a knob.</summary>
    public static ChaosSchedule Calm(int seed = 1) => new(seed);

    /// <summary>A schedule whose knobs are themselves drawn from the seed: some mild, some brutal.</summary>
    public static ChaosSchedule Random(int seed)
    {
        var chaos = new ChaosSchedule(seed);
        Random r = chaos._random;
        chaos.DropPercent = r.Next(0, 40);
        chaos.DuplicatePercent = r.Next(0, 30);
        chaos.MaxExtraDelayMicros = r.Next(0, 4) * 700_000L;
        chaos.RefusePercent = r.Next(0, 60);
        chaos.HangPercent = r.Next(0, 25);
        chaos.ConnectDelayMaxMicros = r.Next(0, 3) * 1_500_000L;
        chaos.ConnectionDropPerMillion = r.Next(0, 3_000);
        chaos.BrokerRestartPerMillion = r.Next(0, 600);
        chaos.ControllerOutagePerMillion = r.Next(0, 600);
        return chaos;
    }

    public int Seed { get; }

    public int DropPercent { get; set; }

    public int DuplicatePercent { get; set; }

    /// <summary>Each message waits up to this much more than <see cref="CalmDelayMicros"/>, so later ones can overtake it.</summary>
    public long MaxExtraDelayMicros { get; set; }

    public int RefusePercent { get; set; }

    /// <summary>Share of connection attempts the broker never answers.</summary>
    public int HangPercent { get; set; }

    public long ConnectDelayMaxMicros { get; set; }

    /// <summary>Chance per simulation step that a live device connection drops.</summary>
    public int ConnectionDropPerMillion { get; set; }

    public int BrokerRestartPerMillion { get; set; }

    public int ControllerOutagePerMillion { get; set; }

    public ChaosScheduleCounters Counters { get; } = new();

    public void Stop()
    {
        DropPercent = 0;
        DuplicatePercent = 0;
        MaxExtraDelayMicros = 0;
        RefusePercent = 0;
        HangPercent = 0;
        ConnectDelayMaxMicros = 0;
        ConnectionDropPerMillion = 0;
        BrokerRestartPerMillion = 0;
        ControllerOutagePerMillion = 0;
    }

    /// <summary>How many copies of a message arrive: 0 (dropped), 1, or 2–3 (duplicated).</summary>
    public int Copies()
    {
        if (Chance(DropPercent, 100))
        {
            Counters.Drops++;
            return 0;
        }

        if (Chance(DuplicatePercent, 100))
        {
            Counters.Duplicates++;
            return 2 + _random.Next(2);
        }

        return 1;
    }

    public long DeliveryDelay()
    {
        if (MaxExtraDelayMicros <= 0)
        {
            return CalmDelayMicros;
        }

        long extra = _random.NextInt64(0, MaxExtraDelayMicros + 1);
        if (extra > 0)
        {
            Counters.Delays++;
        }

        return CalmDelayMicros + extra;
    }

    public MemoryBrokerConnectOutcome NextConnectOutcome()
    {
        if (Chance(HangPercent, 100))
        {
            Counters.Hangs++;
            return MemoryBrokerConnectOutcome.NeverAnswer;
        }

        if (Chance(RefusePercent, 100))
        {
            Counters.Refusals++;
            return MemoryBrokerConnectOutcome.Refuse;
        }

        return MemoryBrokerConnectOutcome.Accept;
    }

    public long ConnectDelay() => CalmDelayMicros + (ConnectDelayMaxMicros > 0 ? _random.NextInt64(0, ConnectDelayMaxMicros + 1) : 0);

    public bool DropConnectionNow() => Count(Chance(ConnectionDropPerMillion, 1_000_000), ref Counters.ConnectionDrops);

    public bool RestartBrokerNow() => Count(Chance(BrokerRestartPerMillion, 1_000_000), ref Counters.BrokerRestarts);

    public bool ControllerOutageNow() => Count(Chance(ControllerOutagePerMillion, 1_000_000), ref Counters.ControllerOutages);

    /// <summary>How long a broker restart or controller outage lasts.</summary>
    public long OutageMicros() => _random.NextInt64(100_000, 8_000_001);

    private bool Chance(int numerator, int denominator) => numerator > 0 && _random.Next(denominator) < numerator;

    private static bool Count(bool happened, ref int counter)
    {
        if (happened)
        {
            counter++;
        }

        return happened;
    }
}
