using System.Diagnostics;
using System.Globalization;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Tests.Storage;

/// <summary>
/// A quick local measure of the ingest write path (not a timed test: it asserts correctness, and reports the rate in
/// the test output). Realistic shape: many devices, 6 readings per frame, each device's sequence in order, batches as
/// the ingest pipeline forms them, every commit fsynced (synchronous = FULL).
/// </summary>
public sealed class StoreThroughputTests
{
    [Theory]
    [InlineData(1000, 40, 500)]
    [InlineData(1000, 20, 68)] // 3,400 frames/s arriving in 20 ms batch windows
    [InlineData(100, 200, 500)]
    public async Task ReportsSustainedFramesAndReadingsPerSecond(int devices, int framesPerDevice, int batchSize)
    {
        await using TempStore temp = await TempStore.CreateAsync();
        string[] ids = [.. Enumerable.Range(0, devices).Select(i => $"dev-{i:D4}")];
        foreach (string id in ids)
        {
            await temp.Store.AddDeviceAsync(id, TestFrames.NewKey(), TestFrames.ReceivedAt, TestContext.Current.CancellationToken);
        }

        // Round-robin over devices, as frames from a fleet interleave on the broker.
        var frames = new List<FrameToStore>(devices * framesPerDevice);
        for (int s = 1; s <= framesPerDevice; s++)
        {
            frames.AddRange(ids.Select(id => TestFrames.Readings(id, s)));
        }

        Stopwatch clock = Stopwatch.StartNew();
        for (int i = 0; i < frames.Count; i += batchSize)
        {
            StoreFramesResult result = await temp.Store.StoreFramesAsync(
                frames.GetRange(i, Math.Min(batchSize, frames.Count - i)), TestContext.Current.CancellationToken);
            Assert.Equal(0, result.DuplicateCount);
        }

        clock.Stop();
        Assert.Equal(frames.Count, await temp.Store.CountFramesAsync(TestContext.Current.CancellationToken));
        Assert.All(await temp.Store.ListDeviceOverviewsAsync(TestContext.Current.CancellationToken),
            d => Assert.Equal(framesPerDevice, d.Watermarks.Single().ContiguousSequence));

        double seconds = clock.Elapsed.TotalSeconds;
        string report = string.Create(CultureInfo.InvariantCulture,
            $"store throughput: {devices} devices, {frames.Count} frames x 6 readings, batches of {batchSize}: " +
            $"{frames.Count / seconds:F0} frames/s, {frames.Count * 6 / seconds:F0} readings/s ({seconds:F2} s, {Environment.ProcessorCount} cores)");
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Console.WriteLine(report);
    }
}
