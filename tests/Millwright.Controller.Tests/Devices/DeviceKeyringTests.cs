using Millwright.Controller.Devices;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Storage.Sqlite;
using Millwright.Controller.Tests.Storage;
using Millwright.Protocol.Keys;

namespace Millwright.Controller.Tests.Devices;

/// <summary>The keyring over a real SQLite store: lookups, rotation cut-over, replacement, MQTT credentials, and
/// changes made by another process.</summary>
public sealed class DeviceKeyringTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task FindsTheKeyByDeviceAndKidWithItsDerivedKeys()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        (DeviceRegistry registry, DeviceKeyring keyring) = await Start(temp);
        IssuedSecret issued = await registry.AddAsync("press-01", null, None);

        KeyLookup found = keyring.Find("press-01", issued.KeyId);

        Assert.Equal(KeyLookupStatus.Found, found.Status);
        VerificationKey key = found.Key!;
        Assert.Equal((1, 1, (long?)null), (key.Epoch, key.Generation, key.AcceptedBelowSequence));
        Assert.Equal(KeyDerivation.Derive(issued.Secret, KeyPurpose.DeviceMessages), key.Keys.DeviceMessageKey);
        Assert.Equal(KeyDerivation.Derive(issued.Secret, KeyPurpose.ControllerMessages), key.Keys.ControllerMessageKey);
        Assert.True(key.AcceptsSequence(long.MaxValue));
        Assert.Same(key, keyring.Find("press-01", issued.KeyId).Key); // derived once, not per lookup
    }

    [Fact]
    public async Task ReportsUnknownDevicesUnknownKidsAndDisabledDevices()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        (DeviceRegistry registry, DeviceKeyring keyring) = await Start(temp);
        IssuedSecret issued = await registry.AddAsync("a", null, None);

        Assert.Equal(KeyLookupStatus.UnknownDevice, keyring.Find("b", issued.KeyId).Status);
        Assert.Equal(KeyLookupStatus.UnknownKey, keyring.Find("a", new byte[8]).Status);
        await registry.SetEnabledAsync("a", false, None);
        Assert.Equal(KeyLookupStatus.DeviceDisabled, keyring.Find("a", issued.KeyId).Status);
        Assert.False(keyring.IsEnabled("a"));
        await registry.SetEnabledAsync("a", true, None);
        Assert.Equal(KeyLookupStatus.Found, keyring.Find("a", issued.KeyId).Status);
        Assert.True(keyring.IsEnabled("a"));
    }

    [Fact]
    public async Task AfterRotationTheOldKeyVerifiesOnlyBelowTheCutOver()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        (DeviceRegistry registry, DeviceKeyring keyring) = await Start(temp);
        IssuedSecret first = await registry.AddAsync("a", null, None);
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 40), None);

        IssuedSecret second = await registry.RotateKeyAsync("a", margin: 10, None);

        Assert.Equal(50, second.CutOverSequence);
        VerificationKey old = keyring.Find("a", first.KeyId).Key!;
        VerificationKey current = keyring.Find("a", second.KeyId).Key!;
        Assert.Equal((1, 1, 50L), (old.Epoch, old.Generation, old.AcceptedBelowSequence!.Value));
        Assert.True(old.AcceptsSequence(49));
        Assert.False(old.AcceptsSequence(50));
        Assert.Equal((1, 2), (current.Epoch, current.Generation));
        Assert.True(current.AcceptsSequence(41)); // a device re-provisioned early keeps counting under the new key
    }

    [Fact]
    public async Task MqttAcceptsTheCurrentAndThePreviousPasswordUntilTheCutOverIsPassed()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        (DeviceRegistry registry, DeviceKeyring keyring) = await Start(temp);
        IssuedSecret first = await registry.AddAsync("a", null, None);
        string oldPassword = KeyDerivation.DeriveMqttPassword(first.Secret);
        Assert.True(keyring.ValidateMqttCredentials("a", oldPassword));
        Assert.False(keyring.ValidateMqttCredentials("a", oldPassword.ToUpperInvariant()));
        Assert.False(keyring.ValidateMqttCredentials("a", oldPassword[..31]));
        Assert.False(keyring.ValidateMqttCredentials("b", oldPassword));

        IssuedSecret second = await registry.RotateKeyAsync("a", margin: 5, None);
        string newPassword = KeyDerivation.DeriveMqttPassword(second.Secret);
        Assert.True(keyring.ValidateMqttCredentials("a", oldPassword));
        Assert.True(keyring.ValidateMqttCredentials("a", newPassword));

        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 4), None); // covers 1..cut-over − 1: old key retired
        await keyring.RefreshAsync(force: false, None);
        Assert.False(keyring.ValidateMqttCredentials("a", oldPassword));
        Assert.True(keyring.ValidateMqttCredentials("a", newPassword));
        Assert.Equal(KeyLookupStatus.Found, keyring.Find("a", first.KeyId).Status); // still verifies (duplicates) below the cut-over

        await registry.SetEnabledAsync("a", false, None);
        Assert.False(keyring.ValidateMqttCredentials("a", newPassword));
    }

    [Fact]
    public async Task AfterReplacementTheOldKeyIsRefusedAndTheNewEpochStartsAtOne()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        (DeviceRegistry registry, DeviceKeyring keyring) = await Start(temp);
        IssuedSecret first = await registry.AddAsync("a", null, None);

        IssuedSecret replacement = await registry.ReplaceAsync("a", null, None);

        Assert.Equal(KeyLookupStatus.KeyRetired, keyring.Find("a", first.KeyId).Status);
        VerificationKey key = keyring.Find("a", replacement.KeyId).Key!;
        Assert.Equal((2, 2), (key.Epoch, key.Generation));
        Assert.True(key.AcceptsSequence(1));
        Assert.False(keyring.ValidateMqttCredentials("a", KeyDerivation.DeriveMqttPassword(first.Secret)));
        Assert.True(keyring.ValidateMqttCredentials("a", KeyDerivation.DeriveMqttPassword(replacement.Secret)));
    }

    [Fact]
    public async Task PicksUpChangesMadeByAnotherProcessWhenTheRegistryVersionMoves()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        (_, DeviceKeyring keyring) = await Start(temp);
        await using SqliteControllerStore other = await SqliteControllerStore.OpenAsync(
            new SqliteStoreOptions(temp.DataDirectory) { ReadingSettleCycle = TimeSpan.Zero }, None);
        var cli = new DeviceRegistry(other, TimeProvider.System); // no keyring: as the CLI process

        IssuedSecret issued = await cli.AddAsync("a", null, None);
        Assert.Equal(KeyLookupStatus.UnknownDevice, keyring.Find("a", issued.KeyId).Status);
        await keyring.RefreshAsync(force: false, None);
        Assert.Equal(KeyLookupStatus.Found, keyring.Find("a", issued.KeyId).Status);

        await cli.SetEnabledAsync("a", false, None);
        await keyring.RefreshAsync(force: false, None);
        Assert.Equal(KeyLookupStatus.DeviceDisabled, keyring.Find("a", issued.KeyId).Status);
    }

    [Fact]
    public async Task AMissReloadsAtMostOncePerSecond()
    {
        var time = new ManualTime(TestFrames.ReceivedAt);
        await using TempStore temp = await TempStore.CreateAsync();
        using var keyring = new DeviceKeyring(temp.Store, time);
        await keyring.RefreshAsync(force: true, None);
        await using SqliteControllerStore other = await SqliteControllerStore.OpenAsync(
            new SqliteStoreOptions(temp.DataDirectory) { ReadingSettleCycle = TimeSpan.Zero }, None);
        var cli = new DeviceRegistry(other, TimeProvider.System);

        Assert.Equal(KeyLookupStatus.UnknownDevice, (await keyring.FindAsync("a", new byte[8], None)).Status); // spends this second's reload
        IssuedSecret issued = await cli.AddAsync("a", null, None);
        Assert.Equal(KeyLookupStatus.UnknownDevice, (await keyring.FindAsync("a", issued.KeyId, None)).Status);
        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(KeyLookupStatus.Found, (await keyring.FindAsync("a", issued.KeyId, None)).Status);
    }

    private static async Task<(DeviceRegistry Registry, DeviceKeyring Keyring)> Start(TempStore temp)
    {
        var keyring = new DeviceKeyring(temp.Store);
        await keyring.RefreshAsync(force: true, None);
        return (new DeviceRegistry(temp.Store, TimeProvider.System, keyring), keyring);
    }
}
