using System.Text;
using Millwright.Firmware.Board;
using Millwright.Firmware.Commands;
using Millwright.Firmware.Console;
using Millwright.Firmware.Settings;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Console;

/// <summary>A node's console wired to fakes: a board with two sensors and two actuators, real settings store and executor.</summary>
internal sealed class ConsoleBench
{
    public const string SecretHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    public const string WifiPassword = "correct horse battery";

    public ConsoleBench()
    {
        Board = new BoardDescription(
            "bench-board",
            [new ChannelDescription(1, "spindle temp", "degC", "bme280"), new ChannelDescription(2, "vibration", "g", "adxl")],
            [new ActuatorDescription(1, "relay", ActuatorKind.Switch, 0f), new ActuatorDescription(2, "valve", ActuatorKind.Pwm, 0.2f)]);
        Io.Sensors[1] = Temperature;
        Io.Sensors[2] = Vibration;
        Io.Actuators[1] = Relay;
        Io.Actuators[2] = Valve;
        Executor = new CommandExecutor(Board, Io, Clock, Flash, new CommandFakeResultPublisher(), 60_000);
        Executor.Setup();
        Settings = new SettingsStore(Flash);
        Settings.Load();
        Environment = new ConsoleEnvironment
        {
            Port = Port,
            Clock = Clock,
            Settings = Settings,
            Keys = Keys,
            Records = Flash,
            Network = Network,
            Health = Health,
            Board = Board,
            Io = Io,
            Status = Status,
            Actuators = Executor,
            ResetParticipants = [Outbox],
            Listener = Listener,
        };
        Console = new ServiceConsole(Environment);
    }

    public static byte[] Secret => Convert.FromHexString(SecretHex);

    public CommandFakeClock Clock { get; } = new();

    public CommandFakeRecordStore Flash { get; } = new();

    public ConsoleFakeSerialPort Port { get; } = new();

    public ConsoleFakeKeyStore Keys { get; } = new();

    public ConsoleFakeNetwork Network { get; } = new();

    public ConsoleFakeHealth Health { get; } = new();

    public ConsoleFakeStatusSource Status { get; } = new();

    public ConsoleFakeResetParticipant Outbox { get; } = new();

    public ConsoleFakeConfigurationListener Listener { get; } = new();

    public CommandFakeBoardIo Io { get; } = new();

    public CommandFakeSensor Temperature { get; } = new() { Value = 21.5f };

    public CommandFakeSensor Vibration { get; } = new() { Value = 0.25f };

    public CommandFakeActuatorOutput Relay { get; } = new();

    public CommandFakeActuatorOutput Valve { get; } = new();

    public BoardDescription Board { get; }

    public CommandExecutor Executor { get; }

    public SettingsStore Settings { get; }

    public ConsoleEnvironment Environment { get; }

    public ServiceConsole Console { get; }

    /// <summary>Sends one line (CR LF), runs the console until the port is drained, and returns the reply lines.</summary>
    public string[] Run(string line) => RunRaw(line + "\r\n");

    public string[] RunRaw(string text)
    {
        Port.Send(text);
        Pump();
        return Lines(Port.TakeText());
    }

    /// <summary>The one reply line of a command that answers with a single line.</summary>
    public string Single(string line)
    {
        string[] reply = Run(line);
        Assert.True(reply.Length == 1, $"expected one reply line to '{line}', got: {string.Join(" | ", reply)}");
        return reply[0];
    }

    public void Pump()
    {
        for (int i = 0; i < 100 && Port.Pending > 0; i++)
        {
            Console.Update();
        }

        Console.Update();
    }

    public void Provision()
    {
        Assert.StartsWith("ok", Single("secret " + SecretHex));
        Assert.StartsWith("ok", Single("set device-id press-7"));
        Assert.StartsWith("ok", Single("set plant-id plant-a"));
        Assert.StartsWith("ok", Single("set broker-host broker.plant-a.local"));
        Assert.StartsWith("ok", Single("commit"));
    }

    public static string[] Lines(string text)
    {
        Assert.DoesNotContain("\n\r", text);
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    public string AllText() => Encoding.UTF8.GetString(Port.Written.ToArray());
}
