using System;
using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;
using Millwright.Protocol.Keys;

namespace Millwright.Firmware.Console;

/// <summary>
/// <c>selftest</c>: checks the key store (a secret is installed and yields keys), the record store (write, read back,
/// delete a scratch record), every sensor channel (bound and readable) and every actuator (output working and in its
/// safe state), one "- &lt;check&gt; pass|fail ..." line each, then "ok" when all passed or "error" naming the failures.
/// Read-only towards the machine: it never drives an actuator.
/// </summary>
public sealed class SelfTest
{
    public const string ScratchRecord = "selftest";

    private readonly ConsoleOutput _output;
    private readonly ConsoleEnvironment _environment;
    private int _checks;
    private string _failures;

    public SelfTest(ConsoleOutput output, ConsoleEnvironment environment)
    {
        _output = output;
        _environment = environment;
    }

    public void Run()
    {
        _checks = 0;
        _failures = string.Empty;
        CheckKeyStore();
        CheckRecordStore();
        CheckSensors();
        CheckActuators();
        if (_failures.Length == 0)
        {
            _output.Ok("selftest passed " + _checks.ToString() + " checks");
        }
        else
        {
            _output.Error("selftest failed:" + _failures);
        }
    }

    private void CheckKeyStore()
    {
        string keyId = _environment.Keys.HasSecret ? SecretCommands.KeyIdOf(_environment) : "none";
        Report("key-store", keyId != "none", keyId != "none" ? "key-id=" + keyId : "no secret installed");
    }

    private void CheckRecordStore()
    {
        IRecordStore records = _environment.Records;
        var written = new byte[16];
        var read = new byte[16];
        for (int i = 0; i < written.Length; i++)
        {
            written[i] = (byte)((_environment.Clock.MonotonicMicros >> (i % 8)) + (i * 37));
        }

        string problem = null;
        try
        {
            records.Replace(ScratchRecord, written, 0, written.Length);
            if (records.Read(ScratchRecord, 0, read, 0, read.Length) != read.Length || !Same(written, read))
            {
                problem = "read back differs from what was written";
            }

            records.Delete(ScratchRecord);
        }
        catch (Exception e)
        {
            problem = "store error: " + e.Message;
        }

        Report("record-store", problem == null, problem == null ? "free=" + records.FreeBytes.ToString() : problem);
    }

    private void CheckSensors()
    {
        ChannelDescription[] channels = _environment.Board.Channels == null ? new ChannelDescription[0] : _environment.Board.Channels;
        for (int i = 0; i < channels.Length; i++)
        {
            ChannelDescription channel = channels[i];
            string name = "sensor " + channel.ChannelId.ToString() + " " + StatusReport.Value(channel.Name);
            ISensorChannel sensor = _environment.Io == null ? null : _environment.Io.GetSensor(channel.ChannelId);
            float value;
            if (sensor == null)
            {
                Report(name, false, "no driver bound");
            }
            else if (!sensor.TryRead(out value))
            {
                Report(name, false, "cannot be read");
            }
            else
            {
                Report(name, true, value.ToString() + " " + StatusReport.Value(channel.Unit));
            }
        }
    }

    private void CheckActuators()
    {
        ActuatorDescription[] actuators = _environment.Board.Actuators == null ? new ActuatorDescription[0] : _environment.Board.Actuators;
        for (int i = 0; i < actuators.Length; i++)
        {
            ActuatorDescription actuator = actuators[i];
            string name = "actuator " + actuator.ActuatorId.ToString() + " " + StatusReport.Value(actuator.Name);
            if (_environment.Actuators == null)
            {
                Report(name, false, "state unknown");
            }
            else if (_environment.Actuators.IsOutputFailed(actuator.ActuatorId))
            {
                Report(name, false, "output failed");
            }
            else if (!_environment.Actuators.IsInSafeState(actuator.ActuatorId))
            {
                Report(name, false, "not in its safe state");
            }
            else
            {
                Report(name, true, "safe");
            }
        }
    }

    private void Report(string check, bool passed, string detail)
    {
        _checks++;
        _output.Detail(check + (passed ? " pass " : " fail ") + detail);
        if (!passed)
        {
            _failures += (_failures.Length == 0 ? " " : ", ") + check;
        }
    }

    private static bool Same(byte[] left, byte[] right)
    {
        for (int i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i])
            {
                return false;
            }
        }

        return true;
    }
}
