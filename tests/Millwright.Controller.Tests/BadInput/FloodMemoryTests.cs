using System.Globalization;
using Millwright.Controller.Storage.Sqlite;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.BadInput;

/// <summary>
/// Issue 5 item 8, memory: the controller as its own process, flooded by an authorized device with ten times more
/// oversized and broken data than the memory it may grow by, while an honest device streams frames. Its resident
/// memory (VmRSS, sampled during the flood) must stay within the bound, and everything must still be quarantined or
/// stored.
/// </summary>
public sealed class FloodMemoryTests
{
    private const int OversizeBytes = 64_000;
    private const int FloodMessages = 20_000;
    private const long GrowthBoundBytes = 128_000_000;
    private const int HonestFrames = 2000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Resident_memory_stays_bounded_while_ten_times_as_much_bad_data_floods_in()
    {
        using var serve = new ServeProcess();
        var mallory = new TestDevice(ServeProcess.Plant, "mallory");
        var victim = new TestDevice(ServeProcess.Plant, "victim");
        var honest = new TestDevice(ServeProcess.Plant, "honest-01");
        await serve.RegisterAsync([(mallory.DeviceId, mallory.Secret), (victim.DeviceId, victim.Secret), (honest.DeviceId, honest.Secret)]);
        await serve.StartAsync();
        await using var store = new SqliteControllerStore(new SqliteStoreOptions(serve.DataDirectory), TimeProvider.System);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var factory = new BadMessageFactory(mallory, victim, now, seed: 9);
        await using DeviceConnection attacker = await DeviceConnection.ConnectAsync(mallory, serve.MqttPort);
        await using DeviceConnection device = await DeviceConnection.ConnectAsync(honest, serve.MqttPort);

        // Warm up every path (JIT, pools, SQLite cache) before the baseline.
        await BadInputFloodTests.PublishAllAsync(attacker, mallory.FramesTopic, factory.Originals());
        List<BadMessage> warmUp = factory.Mixed(100, OversizeBytes);
        await BadInputFloodTests.PublishAllAsync(attacker, mallory.FramesTopic, warmUp.Select(m => m.Payload));
        await BadInputFloodTests.PublishAllAsync(device, honest.FramesTopic, Enumerable.Range(1, 200).Select(seq => honest.Frame(seq, now)));
        await WaitQuarantinedAsync(store, warmUp.Count);
        await device.WaitForAckAsync(200);
        long baseline = ResidentBytes(serve.Current.Id);

        // The flood: mostly oversized messages (the volume), the other kinds mixed in; the honest stream alongside.
        var random = new Random(10);
        byte[][] oversized = [.. Enumerable.Range(0, 16).Select(_ => RandomBytes(random, OversizeBytes))];
        List<BadMessage> mixed = factory.Mixed(100, 4096);
        long peak = baseline;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        Task sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentBytes(serve.Current.Id));
                await Task.Delay(25, CancellationToken.None);
            }
        }, CancellationToken.None);
        long floodedBytes = (long)FloodMessages * OversizeBytes + mixed.Sum(m => (long)m.Payload.Length);
        Task flood = BadInputFloodTests.PublishAllAsync(
            attacker, mallory.FramesTopic, Enumerable.Range(0, FloodMessages).Select(i => oversized[i % oversized.Length]).Concat(mixed.Select(m => m.Payload)));
        Task stream = BadInputFloodTests.PublishAllAsync(device, honest.FramesTopic, Enumerable.Range(201, HonestFrames - 200).Select(seq => honest.Frame(seq, now)));
        await Task.WhenAll(flood, stream);
        await WaitQuarantinedAsync(store, warmUp.Count + FloodMessages + mixed.Count);
        await device.WaitForAckAsync(HonestFrames);
        await sampling.CancelAsync();
        await sampler;

        long growth = peak - baseline;
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"flooded {floodedBytes / 1e6:F0} MB; RSS baseline {baseline / 1e6:F1} MB, peak {peak / 1e6:F1} MB, growth {growth / 1e6:F1} MB"));
        Assert.True(floodedBytes >= 10 * GrowthBoundBytes, "the flood is at least ten times the bound");
        Assert.True(growth < GrowthBoundBytes, $"resident memory grew by {growth / 1e6:F1} MB while {floodedBytes / 1e6:F0} MB of bad data came in (bound {GrowthBoundBytes / 1e6:F0} MB)");
        Assert.Equal(HonestFrames, Assert.Single(await store.GetWatermarksAsync(honest.DeviceId, Ct)).ContiguousSequence);
    }

    private static async Task WaitQuarantinedAsync(SqliteControllerStore store, long count) =>
        await Eventually.TrueAsync(
            async () => (await store.CountQuarantineByReasonAsync(Ct)).Values.Sum() >= count, $"{count} messages quarantined", TimeSpan.FromSeconds(120));

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>VmRSS of a process, from /proc (Linux).</summary>
    private static long ResidentBytes(int processId)
    {
        foreach (string line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no VmRSS for process {processId}");
    }
}
