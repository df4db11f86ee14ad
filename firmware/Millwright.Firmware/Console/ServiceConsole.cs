using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Console;

/// <summary>
/// The field technician's service console on the console UART (issue 3 item 7): text commands and Improv Wi-Fi
/// serial packets on the same port. Driven by <see cref="Update"/> from the main loop: it reads what has arrived
/// (never waits), handles at most <see cref="MaxBytesPerUpdate"/> bytes, and allocates nothing when idle.
/// The console does not echo: a terminal should echo locally, so a secret typed in is not sent back.
/// </summary>
public sealed class ServiceConsole
{
    public const int MaxBytesPerUpdate = 512;

    private readonly ConsoleEnvironment _environment;
    private readonly ISerialPort _port;
    private readonly ConsoleOutput _output;
    private readonly SerialInputFramer _framer = new SerialInputFramer();
    private readonly ConsoleCommands _commands;
    private readonly ImprovSerial _improv;
    private readonly byte[] _read = new byte[64];

    public ServiceConsole(ConsoleEnvironment environment)
    {
        _environment = environment;
        _port = environment.Port;
        _output = new ConsoleOutput(environment.Port);
        var settings = new SettingsCommands(_output, environment);
        _commands = new ConsoleCommands(_output, environment, settings);
        _improv = new ImprovSerial(_output, environment, settings.Session);
    }

    /// <summary>The Improv provisioning state (ready, provisioning, provisioned).</summary>
    public byte ImprovState
    {
        get { return _improv.State; }
    }

    public void Update()
    {
        long now = _environment.Clock.MonotonicMicros;
        _framer.Expire(now);
        int budget = MaxBytesPerUpdate;
        while (budget > 0)
        {
            int count = _port.Read(_read, 0, budget < _read.Length ? budget : _read.Length);
            if (count <= 0)
            {
                break;
            }

            for (int i = 0; i < count; i++)
            {
                Dispatch(_framer.Push(_read[i], now));
            }

            // The bytes may have been part of a secret.
            System.Array.Clear(_read, 0, count);
            budget -= count;
        }

        _improv.Update(now);
    }

    private void Dispatch(SerialInput input)
    {
        if (input == SerialInput.None)
        {
            return;
        }

        try
        {
            if (input == SerialInput.Line)
            {
                _commands.Execute(_framer.Buffer, _framer.Length);
            }
            else if (input == SerialInput.ImprovPacket)
            {
                _improv.Handle(_framer.Buffer, _framer.Length);
            }
            else
            {
                _output.Error("line longer than " + SerialInputFramer.MaxLineBytes.ToString() + " bytes: ignored");
            }
        }
        catch (System.Exception e)
        {
            // A fault in one command must not stop the console or the main loop; the message names it.
            _output.Error("internal error: " + e.Message);
        }
        finally
        {
            _framer.Clear();
        }
    }
}
