using Millwright.Firmware.Board;
using Millwright.Firmware.Commands;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Commands;

/// <summary>
/// A device with three actuators (a plain switch, a switch with minimum on/off times and a rate limit, a PWM output
/// limited to 0.1..0.8) wired to a CommandExecutor, and the controller's side: it signs commands with the
/// controller key and verifies results with the device key, independently of the executor's own objects.
/// </summary>
internal sealed class CommandBench
{
    public const string DeviceId = "press-7";
    public const int Relay = 1;
    public const int Compressor = 2;
    public const int Valve = 3;
    public const int TimeoutMs = 30_000;

    public static readonly byte[] Secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private ulong _nextId = 1;

    public CommandBench(CommandFakeRecordStore? store = null, byte[]? secret = null, bool synced = true)
    {
        Store = store ?? new CommandFakeRecordStore();
        Keys = new DeviceKeys(secret ?? Secret);
        var compressor = new ActuatorDescription(Compressor, "compressor", ActuatorKind.Switch, 0f)
        {
            MinimumOnMilliseconds = 10_000,
            MinimumOffMilliseconds = 5_000,
            MaxChangesPerMinute = 3,
        };
        var valve = new ActuatorDescription(Valve, "valve", ActuatorKind.Pwm, 0.1f) { Minimum = 0.1f, Maximum = 0.8f };
        Board = new BoardDescription(
            "bench-board",
            [],
            [new ActuatorDescription(Relay, "relay", ActuatorKind.Switch, 0f), compressor, valve]);
        foreach (var actuator in Board.Actuators)
        {
            Outputs[actuator.ActuatorId] = new CommandFakeActuatorOutput();
            Io.Actuators[actuator.ActuatorId] = Outputs[actuator.ActuatorId];
        }

        if (synced)
        {
            Clock.Sync();
        }

        Executor = Boot();
    }

    public CommandFakeClock Clock { get; } = new();

    public CommandFakeRecordStore Store { get; }

    public DeviceKeys Keys { get; }

    public BoardDescription Board { get; }

    public CommandFakeBoardIo Io { get; } = new();

    public Dictionary<int, CommandFakeActuatorOutput> Outputs { get; } = [];

    public CommandFakeResultPublisher Publisher { get; } = new();

    public CommandExecutor Executor { get; private set; }

    /// <summary>Starts a new executor over the same flash and outputs, as after a reboot.</summary>
    public CommandExecutor Boot(DeviceKeys? keys = null)
    {
        Executor = new CommandExecutor(Board, Io, Clock, Store, Publisher, TimeoutMs);
        Executor.SetIdentity(DeviceId, keys ?? Keys);
        Executor.Setup();
        return Executor;
    }

    public Command NewCommand(int actuator, CommandAction action, float value = 0f, ulong? id = null) => new()
    {
        DeviceId = DeviceId,
        CommandId = id ?? _nextId++,
        NotAfterMicros = Clock.UtcMicros + 60_000_000,
        ActuatorId = actuator,
        Action = action,
        Value = value,
    };

    public byte[] Sign(Command command, byte[]? key = null, byte[]? keyId = null)
    {
        var writer = new SignedMessageWriter(key ?? Keys.ControllerMessageKey, keyId ?? Keys.KeyId);
        var buffer = new byte[ProtocolLimits.MaxMessageBytes];
        int length = writer.WriteCommand(command, buffer, 0);
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>Signs and delivers a command; returns the result it produced (null when none was published).</summary>
    public CommandResult? Send(Command command)
    {
        int before = Publisher.Published.Count;
        Executor.OnCommandMessage(Sign(command));
        return Publisher.Published.Count > before ? Decode(Publisher.Published[^1]) : null;
    }

    public CommandResult? Send(int actuator, CommandAction action, float value = 0f) => Send(NewCommand(actuator, action, value));

    /// <summary>Verifies a published result with the device key, as the controller does, and decodes it.</summary>
    public CommandResult Decode(byte[] signed)
    {
        var verifier = new MessageVerifier(Keys.DeviceMessageKey, Keys.KeyId);
        Assert.Equal(MessageType.CommandResult, verifier.Verify(signed, 0, signed.Length));
        return CommandResultCodec.Decode(signed, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
    }
}
