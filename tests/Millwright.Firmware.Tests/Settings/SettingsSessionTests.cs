using Millwright.Firmware.Settings;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Settings;

public class SettingsSessionTests
{
    [Fact]
    public void Staged_values_are_not_in_force_until_commit()
    {
        var store = new SettingsStore(new CommandFakeRecordStore());
        store.Commit(SettingsStoreTests.Provisioned());
        var session = new SettingsSession(store);

        Assert.Null(session.Set("broker-host", "10.1.2.3"));
        Assert.Null(session.Set("broker-port", "1883"));

        Assert.True(session.HasChanges);
        Assert.Equal("10.1.2.3", session.Current.BrokerHost);
        Assert.Equal("broker.plant-a.local", store.Active.BrokerHost);

        Assert.Null(session.Commit());

        Assert.False(session.HasChanges);
        Assert.Equal("10.1.2.3", store.Active.BrokerHost);
        Assert.Equal(1883, store.Active.BrokerPort);
    }

    [Fact]
    public void Interrupted_session_leaves_the_previous_configuration_in_force_after_reboot()
    {
        var flash = new CommandFakeRecordStore();
        var store = new SettingsStore(flash);
        store.Commit(SettingsStoreTests.Provisioned());
        var session = new SettingsSession(store);
        session.Set("device-id", "press-9");
        session.Set("wifi-ssid", "Other");
        // The cable is pulled here: no commit. The node reboots.

        var rebooted = new SettingsStore(flash);
        rebooted.Load();

        SettingsStoreTests.AssertSame(SettingsStoreTests.Provisioned(), rebooted.Active);
    }

    [Fact]
    public void Abort_discards_staged_values()
    {
        var store = new SettingsStore(new CommandFakeRecordStore());
        var session = new SettingsSession(store);
        session.Set("device-id", "press-9");

        session.Abort();

        Assert.False(session.HasChanges);
        Assert.Equal("", session.Current.DeviceId);
        Assert.Equal("nothing to commit: no setting was changed", session.Commit());
    }

    [Fact]
    public void Rejected_value_leaves_the_staged_copy_unchanged()
    {
        var store = new SettingsStore(new CommandFakeRecordStore());
        var session = new SettingsSession(store);
        session.Set("broker-port", "1884");

        Assert.NotNull(session.Set("broker-port", "0"));

        Assert.Equal(1884, session.Current.BrokerPort);
    }

    [Fact]
    public void Commit_checks_rules_between_fields()
    {
        var store = new SettingsStore(new CommandFakeRecordStore());
        var session = new SettingsSession(store);
        session.Set("wifi-password", "correct horse battery");

        Assert.Equal("wifi-password is set but wifi-ssid is empty: set wifi-ssid too", session.Commit());
        Assert.True(session.HasChanges);
        Assert.Equal("", store.Active.WifiPassword);

        session.Set("wifi-ssid", "Shop");
        Assert.Null(session.Commit());
    }

    [Fact]
    public void Unknown_key_is_refused_with_the_list_of_keys()
    {
        var session = new SettingsSession(new SettingsStore(new CommandFakeRecordStore()));

        string? problem = session.Set("brokerhost", "x");

        Assert.StartsWith("unknown setting", problem);
        Assert.Contains("broker-host", problem);
    }
}
