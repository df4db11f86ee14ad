using Millwright.Controller.Devices;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Tests.Storage;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Tests.Devices;

public sealed class DeviceRegistryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AddGeneratesADistinctRandomSecretAndStoresItsKeyId()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        var registry = new DeviceRegistry(temp.Store, TimeProvider.System);

        IssuedSecret a = await registry.AddAsync("a", null, None);
        IssuedSecret b = await registry.AddAsync("b", null, None);

        Assert.Equal(KeyDerivation.SecretSize, a.Secret.Length);
        Assert.NotEqual(a.Secret, b.Secret);
        Assert.Equal(KeyDerivation.DeriveKeyId(a.Secret), a.KeyId);
        DeviceKeyRecord stored = (await temp.Store.GetDeviceKeysAsync("a", None)).Single();
        Assert.Equal(a.Secret, stored.Secret);
        Assert.Equal(a.KeyId, stored.KeyId);
        Assert.Equal((1, 1), (stored.Epoch, stored.Generation));
    }

    [Fact]
    public async Task AddImportsAGivenSecret()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        var registry = new DeviceRegistry(temp.Store, TimeProvider.System);
        byte[] secret = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

        IssuedSecret issued = await registry.AddAsync("press-01", secret, None);

        Assert.Equal("4bec36775946ed6c", Convert.ToHexStringLower(issued.KeyId)); // protocol §12.1
    }

    [Theory]
    [InlineData("Press-01")]
    [InlineData("-press")]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a23456789012345678901234567890123")]
    public async Task RefusesIdsThatBreakTheIdentifierRule(string id)
    {
        await using TempStore temp = await TempStore.CreateAsync();
        var registry = new DeviceRegistry(temp.Store, TimeProvider.System);

        DeviceRegistryException refused = await Assert.ThrowsAsync<DeviceRegistryException>(() => registry.AddAsync(id, null, None));

        Assert.Contains("a-z, 0-9", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await temp.Store.ListDevicesAsync(None));
    }

    [Fact]
    public async Task RefusesATakenIdAndUnknownDevicesWithMessagesThatSayWhy()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        var registry = new DeviceRegistry(temp.Store, TimeProvider.System);
        await registry.AddAsync("a", null, None);

        Assert.Contains("already exists", (await Assert.ThrowsAsync<DeviceRegistryException>(() => registry.AddAsync("a", null, None))).Message, StringComparison.Ordinal);
        Assert.Contains("no device 'b'", (await Assert.ThrowsAsync<DeviceRegistryException>(() => registry.ShowAsync("b", None))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DeviceRegistryException>(() => registry.SetEnabledAsync("b", false, None));
        await Assert.ThrowsAsync<DeviceRegistryException>(() => registry.RotateKeyAsync("b", 10, None));
        await Assert.ThrowsAsync<DeviceRegistryException>(() => registry.ReplaceAsync("b", null, None));
    }

    [Fact]
    public async Task RotationPutsTheCutOverPastWhatTheDeviceMayStillHoldInItsOutbox()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        var registry = new DeviceRegistry(temp.Store, TimeProvider.System);
        await registry.AddAsync("a", null, None);
        await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 1), TestFrames.Readings("a", 100)], None); // highest seen 100
        await temp.Store.UpdateDeviceHealthAsync(new DeviceHealth
        {
            DeviceId = "a", BootCounter = 1, StatusTimeMicros = 1, TimeQuality = TimeQuality.Sntp, ReceivedAt = TestFrames.ReceivedAt,
            Online = true, FirmwareVersion = "1", Board = "b", OutboxDepth = 250,
        }, None);

        IssuedSecret rotated = await registry.RotateKeyAsync("a", margin: 1000, None);

        Assert.Equal(100 + 250 + 1000, rotated.CutOverSequence);
        Assert.Equal((1, 2), (rotated.Epoch, rotated.Generation));
    }

    [Fact]
    public async Task ReplacementRefusesAnImportedSecretTheDeviceAlreadyHad()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        var registry = new DeviceRegistry(temp.Store, TimeProvider.System);
        IssuedSecret first = await registry.AddAsync("a", null, None);

        DeviceRegistryException refused = await Assert.ThrowsAsync<DeviceRegistryException>(() => registry.ReplaceAsync("a", first.Secret, None));

        Assert.Contains("new one", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowReportsActivityGapsHealthAndKeysButNoSecret()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        var registry = new DeviceRegistry(temp.Store, TimeProvider.System);
        await registry.AddAsync("a", null, None);
        await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 1), TestFrames.Readings("a", 5)], None);
        await registry.RotateKeyAsync("a", 10, None);

        DeviceDetails details = await registry.ShowAsync("a", None);

        Assert.Equal(5, details.Overview.Activity!.LastSequence);
        Assert.Equal([new SequenceGap("a", 1, 2, 4)], details.Gaps.Open);
        Assert.Equal([2, 1], details.Keys.Select(k => k.Generation));
        Assert.Equal(15L, details.Keys[1].AcceptedBelowSequence);
        Assert.DoesNotContain(typeof(DeviceKeyInfo).GetProperties(), p => p.PropertyType == typeof(byte[]));
    }
}
