using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Tests.Storage;

/// <summary>Rotation (same epoch, cut-over) and replacement (new epoch, sequence restarts) as the store records them.</summary>
public sealed class KeyGenerationStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AReplacedDeviceRestartsAtSequenceOneWithoutReplaysAndKeepsItsHistory()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("press-01");
        await temp.Store.StoreFramesAsync(TestFrames.Range("press-01", 1, 50), None);

        DeviceKeyRecord replacement = (await temp.Store.ReplaceDeviceAsync("press-01", TestFrames.NewKey(), TestFrames.ReceivedAt, None))!;
        StoreFramesResult result = await temp.Store.StoreFramesAsync(TestFrames.Range("press-01", 1, 10, epoch: 2), None);

        Assert.Equal((2, 2, KeyState.Active), (replacement.Epoch, replacement.Generation, replacement.State));
        Assert.All(result.Outcomes, o => Assert.Equal(FrameStoreStatus.Stored, o.Status));
        Assert.Equal(new SequenceWatermark("press-01", 2, 10, 10, 0), result.Watermarks.Single());
        Assert.Equal([(1, 50L), (2, 10L)], (await temp.Store.GetWatermarksAsync("press-01", None)).Select(w => (w.Epoch, w.ContiguousSequence)));
        ReadingsPage history = await temp.Store.GetReadingsAsync(new ReadingsQuery("press-01", 0, long.MaxValue, 10_000) { ChannelId = 1 }, None);
        Assert.Equal(60, history.Items.Count);
        Assert.Equal(60, await temp.Store.CountFramesAsync(None));

        IReadOnlyList<DeviceKeyRecord> keys = await temp.Store.GetDeviceKeysAsync("press-01", None);
        DeviceKeyRecord old = keys.Single(k => k.Generation == 1);
        Assert.Equal((KeyState.Retired, TestFrames.ReceivedAt), (old.State, old.ReplacedAt));
        DeviceRecord device = (await temp.Store.GetDeviceAsync("press-01", None))!;
        Assert.Equal((2, 2), (device.CurrentEpoch, device.CurrentGeneration));
        DeviceActivity activity = (await temp.Store.GetDeviceOverviewAsync("press-01", None))!.Activity!;
        Assert.Equal((2, 10L), (activity.LastEpoch, activity.LastSequence));
    }

    [Fact]
    public async Task RotationKeepsTheEpochAndSetsTheCutOverOnTheOldKey()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        long before = await temp.Store.GetRegistryVersionAsync(None);

        DeviceKeyRecord rotated = (await temp.Store.RotateKeyAsync("a", TestFrames.NewKey(), 100, TestFrames.ReceivedAt, None))!;

        Assert.Equal((1, 2, 100L), (rotated.Epoch, rotated.Generation, rotated.ValidFromSequence));
        IReadOnlyList<DeviceKeyRecord> keys = await temp.Store.GetDeviceKeysAsync("a", None);
        Assert.Equal([2, 1], keys.Select(k => k.Generation));
        Assert.Equal((KeyState.Active, 100L), (keys[1].State, keys[1].AcceptedBelowSequence));
        Assert.Null(keys[0].AcceptedBelowSequence);
        Assert.True(await temp.Store.GetRegistryVersionAsync(None) > before);
    }

    [Fact]
    public async Task TheOldKeyIsRetiredOnceEverySequenceBelowTheCutOverIsCovered()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.StoreFramesAsync(TestFrames.Range("a", 1, 5), None);
        await temp.Store.RotateKeyAsync("a", TestFrames.NewKey(), 10, TestFrames.ReceivedAt, None);

        await temp.Store.StoreFramesAsync([.. TestFrames.Range("a", 6, 8), TestFrames.Readings("a", 12)], None);
        Assert.Equal(KeyState.Active, (await OldKey(temp)).State);
        long version = await temp.Store.GetRegistryVersionAsync(None);

        await temp.Store.StoreFramesAsync([TestFrames.Readings("a", 9)], None); // watermark 9 = cut-over − 1

        DeviceKeyRecord old = await OldKey(temp);
        Assert.Equal(KeyState.Retired, old.State);
        Assert.NotNull(old.RetiredAt);
        Assert.Null(old.ReplacedAt);
        Assert.True(await temp.Store.GetRegistryVersionAsync(None) > version);
    }

    [Fact]
    public async Task ASecondRotationRetiresAKeyStillWaitingForItsCutOver()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");
        await temp.Store.RotateKeyAsync("a", TestFrames.NewKey(), 100, TestFrames.ReceivedAt, None);
        await temp.Store.RotateKeyAsync("a", TestFrames.NewKey(), 200, TestFrames.ReceivedAt, None);

        IReadOnlyList<DeviceKeyRecord> keys = await temp.Store.GetDeviceKeysAsync("a", None);

        Assert.Equal([(3, KeyState.Active, (long?)null), (2, KeyState.Active, 200L), (1, KeyState.Retired, 100L)],
            keys.Select(k => (k.Generation, k.State, k.AcceptedBelowSequence)));
    }

    [Fact]
    public async Task ANewKeyMustNotReuseASecretTheDeviceHad()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        NewDeviceKey key = TestFrames.NewKey();
        await temp.Store.AddDeviceAsync("a", key, TestFrames.ReceivedAt, None);

        await Assert.ThrowsAsync<DuplicateKeyException>(() => temp.Store.RotateKeyAsync("a", key, 5, TestFrames.ReceivedAt, None));
        await Assert.ThrowsAsync<DuplicateKeyException>(() => temp.Store.ReplaceDeviceAsync("a", key, TestFrames.ReceivedAt, None));
        Assert.Single(await temp.Store.GetDeviceKeysAsync("a", None));
    }

    [Fact]
    public async Task UnknownDevicesAndTakenIdsAreReportedNotThrown()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");

        Assert.False(await temp.Store.AddDeviceAsync("a", TestFrames.NewKey(), TestFrames.ReceivedAt, None));
        Assert.Null(await temp.Store.RotateKeyAsync("b", TestFrames.NewKey(), 1, TestFrames.ReceivedAt, None));
        Assert.Null(await temp.Store.ReplaceDeviceAsync("b", TestFrames.NewKey(), TestFrames.ReceivedAt, None));
        Assert.False(await temp.Store.SetDeviceEnabledAsync("b", false, TestFrames.ReceivedAt, None));
        Assert.Null(await temp.Store.GetDeviceOverviewAsync("b", None));
    }

    [Fact]
    public async Task DisablingRecordsWhenAndEnablingClearsIt()
    {
        await using TempStore temp = await FrameStoreTests.StoreWithDevices("a");

        Assert.True(await temp.Store.SetDeviceEnabledAsync("a", false, TestFrames.ReceivedAt.AddHours(1), None));
        DeviceRecord disabled = (await temp.Store.GetDeviceAsync("a", None))!;
        Assert.True(await temp.Store.SetDeviceEnabledAsync("a", true, TestFrames.ReceivedAt.AddHours(2), None));
        DeviceRecord enabled = (await temp.Store.GetDeviceAsync("a", None))!;

        Assert.Equal((false, TestFrames.ReceivedAt.AddHours(1)), (disabled.Enabled, disabled.DisabledAt));
        Assert.Equal((true, (DateTimeOffset?)null), (enabled.Enabled, enabled.DisabledAt));
    }

    private static async Task<DeviceKeyRecord> OldKey(TempStore temp) =>
        (await temp.Store.GetDeviceKeysAsync("a", None)).Single(k => k.Generation == 1);
}
