#if STORE_BENCH
using System.Diagnostics;
using System.Globalization;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Tests.Storage;

/// <summary>
/// The store's sustained write rate as the database grows, and its batch latency at the target rate (3,400 frames/s
/// = 20,400 readings/s from 1,000 devices). A benchmark, not part of the test run: a minute of work, compiled in and run
/// on demand with <c>dotnet test -p:StoreBench=true --filter FullyQualifiedName~StoreSustainedThroughputTests</c>;
/// figures go to the test output. It asserts only correctness, never speed.
/// </summary>
public sealed class StoreSustainedThroughputTests
{
    [Theory]
    [InlineData(1000, 300, 500, 0)]    // as fast as it goes, 300,000 frames: does the rate hold as the tables grow?
    [InlineData(1000, 200, 68, 3400)]  // the target rate, 20 ms batch windows: latency and CPU
    public async Task ReportsRateAndBatchLatencyOverAGrowingDatabase(int devices, int framesPerDevice, int batchSize, double framesPerSecond)
    {
        CancellationToken cancel = TestContext.Current.CancellationToken;
        await using TempStore temp = await TempStore.CreateAsync();
        string[] ids = [.. Enumerable.Range(0, devices).Select(i => $"dev-{i:D4}")];
        foreach (string id in ids)
        {
            await temp.Store.AddDeviceAsync(id, TestFrames.NewKey(), TestFrames.ReceivedAt, cancel);
        }

        var frames = new List<FrameToStore>(devices * framesPerDevice);
        for (int s = 1; s <= framesPerDevice; s++)
        {
            frames.AddRange(ids.Select(id => TestFrames.Readings(id, s)));
        }

        var latencies = new List<double>();
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        Stopwatch clock = Stopwatch.StartNew();
        Stopwatch chunk = Stopwatch.StartNew();
        int chunkFrames = 0;
        for (int i = 0; i < frames.Count; i += batchSize)
        {
            if (framesPerSecond > 0 && TimeSpan.FromSeconds(i / framesPerSecond) - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancel);
            }

            List<FrameToStore> batch = frames.GetRange(i, Math.Min(batchSize, frames.Count - i));
            long started = Stopwatch.GetTimestamp();
            await temp.Store.StoreFramesAsync(batch, cancel);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            chunkFrames += batch.Count;
            if (chunkFrames >= 50_000)
            {
                Report($"  up to {i + batch.Count} frames: {chunkFrames / chunk.Elapsed.TotalSeconds:F0} frames/s, {6 * chunkFrames / chunk.Elapsed.TotalSeconds:F0} readings/s");
                chunk.Restart();
                chunkFrames = 0;
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        latencies.Sort();
        Report($"{devices} devices, {frames.Count} frames, batches of {batchSize}{(framesPerSecond > 0 ? $", paced at {framesPerSecond} frames/s" : string.Empty)}: " +
            $"{frames.Count / seconds:F0} frames/s, {6 * frames.Count / seconds:F0} readings/s over {seconds:F1} s; process CPU {cpu:F1} s; " +
            $"batch commit ms p50 {latencies[latencies.Count / 2]:F1} p99 {latencies[(int)(latencies.Count * 0.99)]:F1} max {latencies[^1]:F1}");
        Assert.Equal(frames.Count, await temp.Store.CountFramesAsync(cancel));
    }

    private static void Report(string line)
    {
        string text = string.Create(CultureInfo.InvariantCulture, $"store sustained: {line}");
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Console.WriteLine(text);
    }
}
#endif
