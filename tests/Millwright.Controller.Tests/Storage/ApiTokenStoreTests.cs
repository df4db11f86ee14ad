namespace Millwright.Controller.Tests.Storage;

public sealed class ApiTokenStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task TheFirstTokenIsCreatedOnceEvenByRacingStarts()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        Assert.Null(await temp.Store.GetActiveApiTokenAsync(None));

        bool[] created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => temp.Store.TryCreateApiTokenAsync([(byte)i], TestFrames.ReceivedAt, None))));

        Assert.Single(created, c => c);
        Assert.NotNull(await temp.Store.GetActiveApiTokenAsync(None));
    }

    [Fact]
    public async Task RotationReplacesTheActiveHash()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        await temp.Store.TryCreateApiTokenAsync([1, 1], TestFrames.ReceivedAt, None);

        var rotated = await temp.Store.RotateApiTokenAsync([2, 2], TestFrames.ReceivedAt.AddDays(1), None);

        var active = await temp.Store.GetActiveApiTokenAsync(None);
        Assert.NotNull(active);
        Assert.Equal((rotated.Id, rotated.CreatedAt), (active.Id, active.CreatedAt));
        Assert.Equal(new byte[] { 2, 2 }, active.TokenHash);
        Assert.False(await temp.Store.TryCreateApiTokenAsync([3], TestFrames.ReceivedAt, None));
    }
}
