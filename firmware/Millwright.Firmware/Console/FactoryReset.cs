using System;
using Millwright.Firmware.Commands;
using Millwright.Protocol.Text;

namespace Millwright.Firmware.Console;

/// <summary>
/// <c>factory-reset</c> answers with a one-time token; <c>factory-reset &lt;token&gt;</c> within
/// <see cref="TokenLifetimeMicros"/> erases the device secret, the settings, the command-id record (a damaged one
/// would otherwise refuse every command for good) and whatever the participants hold (the outbox), then reboots.
/// Kept: the frame sequence counter, so sequence numbers never repeat, even for a re-provisioned node.
/// </summary>
public sealed class FactoryReset
{
    public const long TokenLifetimeMicros = 60000000;

    private readonly ConsoleOutput _output;
    private readonly ConsoleEnvironment _environment;
    private readonly SettingsCommands _settings;
    private string _token;
    private long _tokenIssuedMicros;

    public FactoryReset(ConsoleOutput output, ConsoleEnvironment environment, SettingsCommands settings)
    {
        _output = output;
        _environment = environment;
        _settings = settings;
    }

    public void Run(string argument)
    {
        long now = _environment.Clock.MonotonicMicros;
        if (argument.Length == 0)
        {
            IssueToken(now);
            return;
        }

        bool valid = _token != null && argument == _token && now - _tokenIssuedMicros <= TokenLifetimeMicros;
        _token = null;
        if (!valid)
        {
            _output.Error("confirmation token does not match or has expired: send factory-reset again");
            return;
        }

        _environment.Keys.Erase();
        _environment.Settings.Erase();
        new CommandIdStore(_environment.Records).Erase();
        _settings.Discard();
        IFactoryResetParticipant[] participants = _environment.ResetParticipants;
        for (int i = 0; participants != null && i < participants.Length; i++)
        {
            participants[i].EraseForFactoryReset();
        }

        _output.Ok("factory reset done: rebooting");
        _environment.Health.Reboot();
    }

    private void IssueToken(long now)
    {
        long seed = now ^ _environment.Clock.UtcMicros;
        var random = new Random((int)(seed ^ (seed >> 32)));
        var bytes = new byte[4];
        random.NextBytes(bytes);
        _token = Ascii.ToHex(bytes, 0, bytes.Length);
        _tokenIssuedMicros = now;
        string unsent = _environment.Status == null ? "any" : _environment.Status.OutboxDepth.ToString();
        _output.Ok(
            "to erase the secret, the settings and " + unsent + " unsent messages, send within 60 s: factory-reset " + _token);
    }
}
