using Millwright.Firmware.Settings;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Cbor;

namespace Millwright.Firmware.Tests.Settings;

public class SettingsStoreTests
{
    internal static DeviceSettings Provisioned() => new()
    {
        DeviceId = "press-7",
        PlantId = "plant-a",
        WifiSsid = "Shop Floor ü",
        WifiPassword = "correct horse battery",
        BrokerHost = "broker.plant-a.local",
        BrokerPort = 8883,
        BrokerTls = true,
        SamplePeriodMilliseconds = 500,
    };

    [Fact]
    public void Committed_settings_are_in_force_and_survive_a_reboot()
    {
        var flash = new CommandFakeRecordStore();
        var store = new SettingsStore(flash);
        Assert.False(store.Load());

        Assert.Null(store.Commit(Provisioned()));

        var rebooted = new SettingsStore(flash);
        Assert.True(rebooted.Load());
        AssertSame(Provisioned(), rebooted.Active);
        Assert.Null(rebooted.LoadProblem);
    }

    [Fact]
    public void Nothing_stored_means_defaults_without_a_problem()
    {
        var store = new SettingsStore(new CommandFakeRecordStore());

        Assert.False(store.Load());
        Assert.Null(store.LoadProblem);
        AssertSame(new DeviceSettings(), store.Active);
    }

    [Fact]
    public void Active_returns_a_copy_that_callers_cannot_change_behind_the_stores_back()
    {
        var store = new SettingsStore(new CommandFakeRecordStore());
        store.Commit(Provisioned());

        store.Active.DeviceId = "hijacked";

        Assert.Equal("press-7", store.Active.DeviceId);
    }

    [Fact]
    public void Failed_write_leaves_the_previous_settings_in_force_in_memory_and_in_flash()
    {
        var flash = new CommandFakeRecordStore();
        var store = new SettingsStore(flash);
        store.Commit(Provisioned());
        byte[] before = flash.Content(SettingsStore.RecordName)!;
        var changed = Provisioned();
        changed.BrokerHost = "10.0.0.9";
        flash.FailReplaces = 1;

        string? problem = store.Commit(changed);

        Assert.Contains("could not be stored", problem);
        Assert.Equal("broker.plant-a.local", store.Active.BrokerHost);
        Assert.Equal(before, flash.Content(SettingsStore.RecordName));
        var rebooted = new SettingsStore(flash);
        Assert.True(rebooted.Load());
        Assert.Equal("broker.plant-a.local", rebooted.Active.BrokerHost);
    }

    [Fact]
    public void Invalid_set_is_refused_as_a_whole_and_nothing_is_written()
    {
        var flash = new CommandFakeRecordStore();
        var store = new SettingsStore(flash);
        store.Commit(Provisioned());
        int writes = flash.ReplaceCount;
        var candidate = Provisioned();
        candidate.PlantId = "Plant A";
        candidate.BrokerHost = "new-host";

        string? problem = store.Commit(candidate);

        Assert.StartsWith("plant-id must be", problem);
        Assert.Equal(writes, flash.ReplaceCount);
        Assert.Equal("broker.plant-a.local", store.Active.BrokerHost);
    }

    [Fact]
    public void Every_single_bit_flip_in_the_record_is_detected()
    {
        var flash = new CommandFakeRecordStore();
        new SettingsStore(flash).Commit(Provisioned());
        byte[] good = flash.Content(SettingsStore.RecordName)!;

        for (int index = 0; index < good.Length; index++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                flash.SetContent(SettingsStore.RecordName, good);
                flash.FlipBit(SettingsStore.RecordName, index, bit);
                var store = new SettingsStore(flash);

                Assert.False(store.Load());
                Assert.Contains("damaged", store.LoadProblem);
                AssertSame(new DeviceSettings(), store.Active);
            }
        }
    }

    [Fact]
    public void Every_truncation_of_the_record_is_detected()
    {
        var flash = new CommandFakeRecordStore();
        new SettingsStore(flash).Commit(Provisioned());
        byte[] good = flash.Content(SettingsStore.RecordName)!;

        for (int length = 0; length < good.Length; length++)
        {
            flash.SetContent(SettingsStore.RecordName, good[..length]);
            var store = new SettingsStore(flash);

            Assert.False(store.Load());
            Assert.NotNull(store.LoadProblem);
        }
    }

    [Fact]
    public void Record_from_a_newer_format_is_refused_with_a_message_naming_the_format()
    {
        var flash = new CommandFakeRecordStore();
        flash.SetContent(SettingsStore.RecordName, Record(writer =>
        {
            writer.WriteMapHeader(1);
            writer.WriteInt32(1);
            writer.WriteInt32(2);
        }));
        var store = new SettingsStore(flash);

        Assert.False(store.Load());
        Assert.Contains("settings format 2 is not supported", store.LoadProblem);
    }

    [Fact]
    public void Record_with_a_valid_crc_but_a_missing_field_is_refused()
    {
        var flash = new CommandFakeRecordStore();
        flash.SetContent(SettingsStore.RecordName, Record(writer =>
        {
            writer.WriteMapHeader(2);
            writer.WriteInt32(1);
            writer.WriteInt32(1);
            writer.WriteInt32(2);
            writer.WriteTextString("press-7");
        }));
        var store = new SettingsStore(flash);

        Assert.False(store.Load());
        Assert.Contains("lacks a field", store.LoadProblem);
    }

    [Fact]
    public void Record_with_a_valid_crc_but_an_invalid_value_is_refused()
    {
        var flash = new CommandFakeRecordStore();
        var bad = Provisioned();
        bad.BrokerPort = 70000;
        var buffer = new byte[SettingsCodec.MaxRecordBytes];
        int length = SettingsCodec.Encode(bad, buffer);
        flash.SetContent(SettingsStore.RecordName, buffer[..length]);
        var store = new SettingsStore(flash);

        Assert.False(store.Load());
        Assert.StartsWith("broker-port", store.LoadProblem);
    }

    [Fact]
    public void Erase_removes_the_record_and_restores_defaults()
    {
        var flash = new CommandFakeRecordStore();
        var store = new SettingsStore(flash);
        store.Commit(Provisioned());

        store.Erase();

        Assert.False(flash.Exists(SettingsStore.RecordName));
        AssertSame(new DeviceSettings(), store.Active);
    }

    [Fact]
    public void Record_never_holds_the_password_in_the_stores_scratch_buffer_after_commit()
    {
        var store = new SettingsStore(new CommandFakeRecordStore());
        store.Commit(Provisioned());

        var field = typeof(SettingsStore).GetField("_buffer", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        Assert.All((byte[])field.GetValue(store)!, b => Assert.Equal(0, b));
    }

    internal static void AssertSame(DeviceSettings expected, DeviceSettings actual)
    {
        Assert.Equal(expected.DeviceId, actual.DeviceId);
        Assert.Equal(expected.PlantId, actual.PlantId);
        Assert.Equal(expected.WifiSsid, actual.WifiSsid);
        Assert.Equal(expected.WifiPassword, actual.WifiPassword);
        Assert.Equal(expected.BrokerHost, actual.BrokerHost);
        Assert.Equal(expected.BrokerPort, actual.BrokerPort);
        Assert.Equal(expected.BrokerTls, actual.BrokerTls);
        Assert.Equal(expected.SamplePeriodMilliseconds, actual.SamplePeriodMilliseconds);
    }

    private static byte[] Record(Action<CborWriter> write)
    {
        var buffer = new byte[256];
        var writer = new CborWriter(buffer);
        write(writer);
        int length = Crc32.Append(buffer, 0, writer.Length);
        return buffer[..length];
    }
}
