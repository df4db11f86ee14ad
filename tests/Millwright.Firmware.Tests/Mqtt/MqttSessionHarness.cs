using Millwright.Firmware.Mqtt;
using Millwright.Firmware.Settings;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Mqtt;

/// <summary>
/// One device and its plant in memory: a session over a <see cref="MemoryMqttLink"/>, a <see cref="MemoryBroker"/>
/// and a <see cref="MqttTestController"/>, all under one <see cref="ChaosSchedule"/> and one test clock. A step
/// advances the clock, lets the broker and controller act, then runs one session update, as the main loop would.
/// </summary>
internal sealed class MqttSessionHarness
{
    public const string PlantId = "plant-7";
    public const string DeviceId = "press-12";
    public const long StepMicros = 10_000;

    private readonly SignedMessageWriter _frameWriter;
    private readonly Frame _frame = new(4);
    private readonly byte[] _buffer = new byte[ProtocolLimits.MaxMessageBytes];

    public MqttSessionHarness(ChaosSchedule? chaos = null, MqttSessionOptions? options = null, int randomSeed = 1)
    {
        Chaos = chaos ?? ChaosSchedule.Calm();
        Keys = new DeviceKeys(Secret(0x11));
        Settings = new DeviceSettings { DeviceId = DeviceId, PlantId = PlantId, BrokerHost = "broker.plant", BrokerPort = 8883, BrokerTls = true };
        Options = options ?? FastOptions();
        Broker = new MemoryBroker(Chaos);
        Broker.Register(DeviceId, Keys.MqttPassword);
        Link = new MemoryMqttLink(Broker);
        Controller = new MqttTestController(Broker, Chaos, PlantId, DeviceId, Keys);
        Controller.PublishState(online: true);
        Status = new MqttTestStatusSource(Clock);
        Session = new MqttSession(Link, Settings, Keys, Status, Outbox, Observer, Options, new Random(randomSeed));
        _frameWriter = new SignedMessageWriter(Keys.DeviceMessageKey, Keys.KeyId);
    }

    public MqttTestClock Clock { get; } = new();

    public ChaosSchedule Chaos { get; }

    public DeviceKeys Keys { get; }

    public DeviceSettings Settings { get; }

    public MqttSessionOptions Options { get; }

    public MemoryBroker Broker { get; }

    public MemoryMqttLink Link { get; }

    public MqttTestController Controller { get; }

    public MqttTestOutbox Outbox { get; } = new();

    public MqttTestObserver Observer { get; } = new();

    public MqttTestStatusSource Status { get; }

    public MqttSession Session { get; }

    public ulong LastAppended { get; private set; }

    /// <summary>Called after every session update (invariant checks).</summary>
    public Action? AfterUpdate { get; set; }

    /// <summary>Options with short times, so a test settles in few simulated minutes.</summary>
    public static MqttSessionOptions FastOptions() => new()
    {
        KeepAliveSeconds = 15,
        ConnectTimeoutMicros = 3_000_000,
        BackoffMinMicros = 100_000,
        BackoffMaxMicros = 4_000_000,
        JitterPercent = 50,
        MaxInFlightFrames = 8,
        AckTimeoutMicros = 2_000_000,
        StatusIntervalMicros = 30_000_000,
    };

    public static byte[] Secret(byte seed) => Enumerable.Range(0, 32).Select(i => (byte)(seed + i)).ToArray();

    /// <summary>Signs the next frame, as the sampler would, and appends it to the outbox.</summary>
    public void AppendFrame()
    {
        LastAppended++;
        _frame.DeviceId = DeviceId;
        _frame.BootCounter = 7;
        _frame.Sequence = LastAppended;
        _frame.TimeMicros = MqttTestStatusSource.UtcAtBoot + Clock.NowMicros;
        _frame.TimeQuality = TimeQuality.Sntp;
        _frame.ClearSamples();
        _frame.AddSample(1, 0, LastAppended * 0.5f);
        int length = _frameWriter.WriteFrame(_frame, _buffer, 0);
        Outbox.Append(LastAppended, _buffer.AsSpan(0, length).ToArray());
    }

    public void AppendFrames(int count)
    {
        for (int i = 0; i < count; i++)
        {
            AppendFrame();
        }
    }

    public void Step(long micros = StepMicros)
    {
        Clock.Advance(micros);
        Broker.Advance(Clock.NowMicros);
        Controller.Advance();
        Session.Update(Clock.NowMicros);
        AfterUpdate?.Invoke();
    }

    /// <summary>Steps until <paramref name="done"/> holds; false if it did not within <paramref name="maxMicros"/>.</summary>
    public bool RunUntil(Func<bool> done, long maxMicros)
    {
        long end = Clock.NowMicros + maxMicros;
        while (!done())
        {
            if (Clock.NowMicros >= end)
            {
                return false;
            }

            Step();
        }

        return true;
    }

    public bool RunUntilOnline(long maxMicros = 60_000_000) => RunUntil(() => Session.State == MqttSessionState.Online, maxMicros);

    public IEnumerable<MemoryBrokerPublish> FramePublishes => Broker.DevicePublishes.Where(p => p.Topic == Session.Topics.Frames);

    /// <summary>The sequence number of a published frame (read back with the device key).</summary>
    public ulong SequenceOf(byte[] signedFrame)
    {
        var verifier = new MessageVerifier(Keys.DeviceMessageKey, Keys.KeyId);
        verifier.Verify(signedFrame, 0, signedFrame.Length);
        return FrameCodec.Decode(signedFrame, verifier.Message.PayloadOffset, verifier.Message.PayloadLength).Sequence;
    }
}
