namespace Millwright.Firmware.Console;

/// <summary>
/// The text commands of the service console, one line each; every line gets exactly one final reply line,
/// "ok ..." or "error &lt;what is wrong&gt;", possibly after "- ..." lines. Grammar and replies: docs/firmware.md,
/// "Service console". Error replies quote the command word at most, never an argument (it may be a secret).
/// </summary>
public sealed class ConsoleCommands
{
    public const string CommandList = "help info status get set commit abort secret prove selftest reboot factory-reset";

    private readonly ConsoleOutput _output;
    private readonly ConsoleEnvironment _environment;
    private readonly ConsoleLine _line = new ConsoleLine();
    private readonly StatusReport _status;
    private readonly SettingsCommands _settings;
    private readonly SecretCommands _secret;
    private readonly SelfTest _selfTest;
    private readonly FactoryReset _factoryReset;

    public ConsoleCommands(ConsoleOutput output, ConsoleEnvironment environment, SettingsCommands settings)
    {
        _output = output;
        _environment = environment;
        _settings = settings;
        _status = new StatusReport(output, environment, settings);
        _secret = new SecretCommands(output, environment, settings.Session);
        _selfTest = new SelfTest(output, environment);
        _factoryReset = new FactoryReset(output, environment, settings);
    }

    public void Execute(byte[] data, int length)
    {
        _line.Parse(data, length);
        if (_line.IsBlank)
        {
            return;
        }

        string command = _line.Command;
        if (command == null)
        {
            _output.Error("unknown command: try help");
            return;
        }

        if (command == "secret")
        {
            _secret.Install(_line);
            return;
        }

        if (command == "set" || command == "get" || command == "prove" || command == "factory-reset")
        {
            string argument = _line.ArgumentText();
            if (argument == null)
            {
                _output.Error("line is not valid UTF-8");
                return;
            }

            ExecuteWithArgument(command, argument);
            return;
        }

        if (!_line.HasNoArgument())
        {
            _output.Error(IsKnown(command) ? command + " takes no argument" : Unknown(command));
            return;
        }

        ExecuteWithoutArgument(command);
    }

    private void ExecuteWithArgument(string command, string argument)
    {
        if (command == "set")
        {
            _settings.Set(argument);
        }
        else if (command == "get")
        {
            _settings.Get(argument);
        }
        else if (command == "prove")
        {
            _secret.Prove(argument);
        }
        else
        {
            _factoryReset.Run(argument);
        }
    }

    private void ExecuteWithoutArgument(string command)
    {
        if (command == "help")
        {
            _output.Ok("commands: " + CommandList);
        }
        else if (command == "info")
        {
            _status.Info();
        }
        else if (command == "status")
        {
            _status.Status();
        }
        else if (command == "commit")
        {
            _settings.Commit();
        }
        else if (command == "abort")
        {
            _settings.Abort();
        }
        else if (command == "selftest")
        {
            _selfTest.Run();
        }
        else if (command == "reboot")
        {
            _output.Ok(_settings.HasChanges ? "rebooting (staged changes discarded)" : "rebooting");
            _environment.Health.Reboot();
        }
        else
        {
            _output.Error(Unknown(command));
        }
    }

    private static bool IsKnown(string command)
    {
        return (" " + CommandList + " ").IndexOf(" " + command + " ") >= 0;
    }

    private static string Unknown(string command)
    {
        // A word of hex digits only might be (part of) a secret typed without "secret ": never echo it.
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return "unknown command '" + command + "': try help";
            }
        }

        return "unknown command: try help";
    }
}
