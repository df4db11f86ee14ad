using Millwright.Firmware.Board;
using Millwright.Firmware.Runtime;
using Millwright.Firmware.Settings;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Runtime;

/// <summary>
/// A whole node over fakes, with its plant: the fake clock, flash (<see cref="MemoryRecordStore"/>), an in-memory broker
/// and controller (<see cref="MemoryBroker"/>, <see cref="RuntimeController"/>) reached through
/// <see cref="MemoryMqttLink"/>, sensors, an actuator, console, key store and watchdog. A loop pass is what the board's
/// main thread does: step the node, sleep what it says (on the fake clock), and let the network deliver meanwhile.
/// </summary>
internal sealed class RuntimeRig
{
    public const string PlantId = "plant-3";
    public const string DeviceId = "mill-7";
    public const long Second = 1_000_000;
    public const int Coolant = 1;

    public static readonly byte[] Secret = Enumerable.Range(0x40, 32).Select(i => (byte)i).ToArray();

    public RuntimeRig(bool provisioned = true, ChaosSchedule? chaos = null, NodeRuntimeOptions? options = null, BoardDescription? board = null, MemoryRecordStore? store = null)
    {
        Chaos = chaos ?? ChaosSchedule.Calm();
        Keys = new DeviceKeys(Secret);
        Store = store ?? new MemoryRecordStore();
        Broker = new MemoryBroker(Chaos);
        Broker.Register(DeviceId, Keys.MqttPassword);
        InnerLink = new MemoryMqttLink(Broker);
        Link = new RuntimeDeferredLink(InnerLink, Broker);
        Controller = new RuntimeController(Broker, PlantId, DeviceId, Keys);
        Controller.PublishState(online: true);
        Board = board ?? DefaultBoard();
        foreach (ChannelDescription channel in Board.Channels)
        {
            Sensors.Add(channel.ChannelId, channel.ChannelId, Clock);
        }

        Sensors.Actuators[Coolant] = CoolantOutput;
        KeyStore = new RuntimeKeyStore(provisioned ? Secret : null);
        if (provisioned)
        {
            Assert.Null(new SettingsStore(Store).Commit(new DeviceSettings { DeviceId = DeviceId, PlantId = PlantId, BrokerHost = "broker.plant", BrokerPort = 8883, BrokerTls = true }));
        }

        Watchdog = new RuntimeWatchdog(Clock);
        Options = options ?? new NodeRuntimeOptions();
        Runtime = new NodeRuntime(Hardware(), Options);
    }

    public FakeClock Clock { get; } = new();

    public ChaosSchedule Chaos { get; }

    public DeviceKeys Keys { get; }

    public MemoryRecordStore Store { get; }

    public MemoryBroker Broker { get; }

    public MemoryMqttLink InnerLink { get; }

    public RuntimeDeferredLink Link { get; }

    public RuntimeController Controller { get; }

    public BoardDescription Board { get; }

    public FakeSensors Sensors { get; } = new();

    public RuntimeActuatorOutput CoolantOutput { get; } = new();

    public RuntimeKeyStore KeyStore { get; }

    public RuntimeSerialPort Serial { get; } = new();

    public RuntimeWatchdog Watchdog { get; }

    public RuntimeHealthSource Platform { get; } = new();

    public RuntimeNetwork Network { get; } = new();

    public NodeRuntimeOptions Options { get; }

    public NodeRuntime Runtime { get; private set; }

    /// <summary>When true, bytes allocated inside <see cref="NodeRuntime.Step"/> are counted, apart for steps that handled an ack.</summary>
    public bool MeasureAllocations { get; set; }

    /// <summary>Bytes allocated by measured steps that handled no controller ack (sampling, signing, storing, publishing, status...).</summary>
    public long AllocatedInSteps { get; private set; }

    public long MeasuredSteps { get; private set; }

    /// <summary>Bytes allocated by measured steps that handled at least one ack.</summary>
    public long AllocatedInAckSteps { get; private set; }

    public long MeasuredAcks { get; private set; }

    /// <summary>The longest sleep a step asked for.</summary>
    public long LongestSleep { get; private set; }

    public static BoardDescription DefaultBoard() => new(
        "test-mill-board",
        [
            new ChannelDescription(1, "temperature", "C", "bme280"),
            new ChannelDescription(2, "humidity", "%", "bme280"),
            new ChannelDescription(10, "spindle", "C", "max31855") { Oversample = 4 },
        ],
        [new ActuatorDescription(Coolant, "coolant", ActuatorKind.Switch, 0f)]);

    /// <summary>The hardware bag of this rig (the same fakes each time).</summary>
    public NodeHardware Hardware() => new()
    {
        Clock = Clock,
        Store = Store,
        Link = Link,
        Serial = Serial,
        Watchdog = Watchdog,
        KeyStore = KeyStore,
        Health = Platform,
        Network = Network,
        BoardIo = Sensors,
        Board = Board,
        Random = new Random(5),
    };

    public void Start() => Runtime.Start();

    /// <summary>Runs loop passes until the clock reaches now + <paramref name="micros"/>.</summary>
    public void RunFor(long micros)
    {
        long end = Clock.MonotonicMicros + micros;
        while (Clock.MonotonicMicros < end)
        {
            Pass(end);
        }
    }

    /// <summary>Runs until <paramref name="done"/> holds; false when <paramref name="limitMicros"/> ran out first.</summary>
    public bool RunUntil(Func<bool> done, long limitMicros)
    {
        long end = Clock.MonotonicMicros + limitMicros;
        while (!done())
        {
            if (Clock.MonotonicMicros >= end)
            {
                return false;
            }

            Pass(end);
        }

        return true;
    }

    /// <summary>Every stored frame, decoded after verifying its MAC with the device key, by sequence number.</summary>
    public SortedDictionary<ulong, Frame> StoredFrames()
    {
        var verifier = new MessageVerifier(Keys.DeviceMessageKey, Keys.KeyId);
        var frames = new SortedDictionary<ulong, Frame>();
        foreach ((ulong sequence, byte[] message) in Controller.Stored)
        {
            Assert.Equal(MessageType.Frame, verifier.Verify(message, 0, message.Length));
            Frame frame = FrameCodec.Decode(message, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
            Assert.Equal(sequence, frame.Sequence);
            frames.Add(sequence, frame);
        }

        return frames;
    }

    /// <summary>The last status message the controller received, verified and decoded.</summary>
    public StatusMessage LastStatus()
    {
        byte[] message = WillText.ToSigned(Controller.StatusMessages[^1]);
        var verifier = new MessageVerifier(Keys.DeviceMessageKey, Keys.KeyId);
        Assert.Equal(MessageType.Status, verifier.Verify(message, 0, message.Length));
        return StatusCodec.Decode(message, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
    }

    private void Pass(long end)
    {
        long acks = Runtime.ControllerLink?.Acks ?? 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        long sleep = Runtime.Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long newAcks = (Runtime.ControllerLink?.Acks ?? 0) - acks;
        if (MeasureAllocations && newAcks > 0)
        {
            AllocatedInAckSteps += allocated;
            MeasuredAcks += newAcks;
        }
        else if (MeasureAllocations)
        {
            AllocatedInSteps += allocated;
            MeasuredSteps++;
        }

        LongestSleep = Math.Max(LongestSleep, sleep);
        Link.Flush();
        Clock.Advance(Math.Clamp(sleep, 1, Math.Max(1, end - Clock.MonotonicMicros)));
        Broker.Advance(Clock.MonotonicMicros);
    }
}
