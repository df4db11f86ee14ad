using Millwright.Firmware.Console;
using Millwright.Firmware.Settings;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Tests.Console;

public class ConsoleSelfTestAndResetTests
{
    [Fact]
    public void Selftest_reports_each_check_and_passes_on_a_healthy_provisioned_node()
    {
        var bench = new ConsoleBench();
        bench.Single("secret " + ConsoleBench.SecretHex);
        string keyId = Convert.ToHexStringLower(KeyDerivation.DeriveKeyId(ConsoleBench.Secret));

        string[] reply = bench.Run("selftest");

        Assert.Equal(
            [
                "- key-store pass key-id=" + keyId,
                "- record-store pass free=200000",
                "- sensor 1 spindle_temp pass 21.5 degC",
                "- sensor 2 vibration pass 0.25 g",
                "- actuator 1 relay pass safe",
                "- actuator 2 valve pass safe",
                "ok selftest passed 6 checks",
            ],
            reply);
        Assert.False(bench.Flash.Exists(SelfTest.ScratchRecord));
    }

    [Fact]
    public void Selftest_names_every_failed_check()
    {
        var bench = new ConsoleBench();
        bench.Vibration.Fail = true;
        bench.Io.Sensors.Remove(1);
        bench.Clock.Sync();
        bench.Keys.WriteSecret(ConsoleBench.Secret);
        var keys = new DeviceKeys(ConsoleBench.Secret);
        bench.Executor.SetIdentity("press-7", keys);
        var writer = new SignedMessageWriter(keys.ControllerMessageKey, keys.KeyId);
        var buffer = new byte[ProtocolLimits.MaxMessageBytes];
        int length = writer.WriteCommand(
            new Command { DeviceId = "press-7", CommandId = 1, NotAfterMicros = bench.Clock.UtcMicros + 1_000_000, ActuatorId = 1, Action = CommandAction.On },
            buffer,
            0);
        bench.Executor.OnCommandMessage(buffer[..length]);
        bench.Valve.Refuse = true;
        bench.Executor.OnControllerState(true);
        bench.Executor.OnControllerState(false);
        bench.Flash.FailReplaces = 1;

        string[] reply = bench.Run("selftest");

        Assert.Contains("- record-store fail store error: simulated power cut during replace of selftest", reply);
        Assert.Contains("- sensor 1 spindle_temp fail no driver bound", reply);
        Assert.Contains("- sensor 2 vibration fail cannot be read", reply);
        Assert.Contains("- actuator 2 valve fail output failed", reply);
        Assert.Equal("error selftest failed: record-store, sensor 1 spindle_temp, sensor 2 vibration, actuator 2 valve", reply[^1]);
    }

    [Fact]
    public void Selftest_fails_an_actuator_that_is_not_in_its_safe_state()
    {
        var bench = new ConsoleBench();
        bench.Keys.WriteSecret(ConsoleBench.Secret);
        bench.Environment.Actuators = new NotSafe();

        string[] reply = bench.Run("selftest");

        Assert.Contains("- actuator 1 relay fail not in its safe state", reply);
        Assert.StartsWith("error selftest failed:", reply[^1]);
    }

    [Fact]
    public void Selftest_without_a_secret_fails_the_key_store_check()
    {
        var bench = new ConsoleBench();

        string[] reply = bench.Run("selftest");

        Assert.Equal("- key-store fail no secret installed", reply[0]);
        Assert.Equal("error selftest failed: key-store", reply[^1]);
    }

    [Fact]
    public void Factory_reset_needs_the_token_and_then_erases_secret_settings_command_ids_and_outbox_and_reboots()
    {
        var bench = new ConsoleBench();
        bench.Provision();
        bench.Flash.SetContent(Millwright.Firmware.Commands.CommandIdStore.RecordName, new byte[21]);

        string offer = bench.Single("factory-reset");
        Assert.Matches("^ok to erase the secret, the settings and 12 unsent messages, send within 60 s: factory-reset [0-9a-f]{8}$", offer);
        Assert.True(bench.Keys.HasSecret);
        Assert.Equal(0, bench.Health.RebootCount);

        string token = offer[^8..];
        Assert.Equal("ok factory reset done: rebooting", bench.Single("factory-reset " + token));

        Assert.False(bench.Keys.HasSecret);
        Assert.False(bench.Flash.Exists(SettingsStore.RecordName));
        Assert.False(bench.Flash.Exists(Millwright.Firmware.Commands.CommandIdStore.RecordName));
        Assert.Equal("", bench.Settings.Active.DeviceId);
        Assert.Equal(1, bench.Outbox.Erased);
        Assert.Equal(1, bench.Health.RebootCount);
    }

    [Fact]
    public void Wrong_or_late_token_erases_nothing_and_a_token_works_once()
    {
        var bench = new ConsoleBench();
        bench.Provision();

        Assert.Equal("error confirmation token does not match or has expired: send factory-reset again", bench.Single("factory-reset 12345678"));

        string token = bench.Single("factory-reset")[^8..];
        Assert.StartsWith("error", bench.Single("factory-reset 00000000"));
        Assert.StartsWith("error", bench.Single("factory-reset " + token));

        token = bench.Single("factory-reset")[^8..];
        bench.Clock.AdvanceMilliseconds(60_001);
        Assert.StartsWith("error", bench.Single("factory-reset " + token));

        Assert.True(bench.Keys.HasSecret);
        Assert.True(bench.Settings.Active.IsComplete);
        Assert.Equal(0, bench.Outbox.Erased);
        Assert.Equal(0, bench.Health.RebootCount);
    }

    private sealed class NotSafe : Millwright.Firmware.Commands.IActuatorSafetyView
    {
        public int ActuatorCount => 2;

        public bool FailSafeEngaged => false;

        public int ActuatorIdAt(int index) => index + 1;

        public bool IsInSafeState(int actuatorId) => actuatorId != 1;

        public bool IsOutputFailed(int actuatorId) => false;
    }
}
