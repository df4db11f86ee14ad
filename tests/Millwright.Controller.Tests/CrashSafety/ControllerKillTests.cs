using System.Security.Cryptography;
using Millwright.Controller.Cli.Bench;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Storage.Sqlite;
using Millwright.Controller.Tests.Infrastructure;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Merkle;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Tests.CrashSafety;

/// <summary>
/// Issue 5 item 6: the controller as a real process, SIGKILLed several times while a fleet of devices keeps
/// publishing, restarted each time on the same data directory. The devices behave as the firmware does (outbox kept
/// until a verified ack covers it; everything unacked re-sent after a reconnect or an ack timeout), so what the
/// controller acked must be durable and what it did not ack must arrive again — and nothing may be stored twice.
/// </summary>
public sealed class ControllerKillTests
{
    private const int DeviceCount = 20;
    private const double FramesPerSecondPerDevice = 60;
    private const int Kills = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sigkill_mid_ingest_loses_and_duplicates_nothing_and_every_outbox_drains()
    {
        using var serve = new ServeProcess();
        List<FleetMember> members = Enumerable.Range(1, DeviceCount)
            .Select(i => new FleetMember($"node-{i:00}", RandomNumberGenerator.GetBytes(KeyDerivation.SecretSize)))
            .ToList();
        await serve.RegisterAsync(members.Select(m => (m.DeviceId, m.Secret)));
        await serve.StartAsync();

        var options = new SimulatedDeviceOptions { AckTimeout = TimeSpan.FromSeconds(2), ReconnectDelay = TimeSpan.FromMilliseconds(300) };
        await using SimulatedFleet fleet = SimulatedFleet.Create(
            "127.0.0.1", serve.MqttPort, ServeProcess.Plant, members, options, new FleetSchedule(FramesPerSecondPerDevice));
        fleet.Connect();
        Assert.True(await fleet.WaitAllOnlineAsync(TimeSpan.FromSeconds(30)), $"only {fleet.OnlineCount} of {DeviceCount} devices connected");
        fleet.StartProducing();

        var random = new Random(5);
        var pendingAtKill = new List<long>();
        for (int kill = 1; kill <= Kills; kill++)
        {
            // Mid-ingest: this incarnation has been storing and acking, and frames are in flight when it dies.
            long acked = fleet.Totals.Acked;
            await Task.Delay(random.Next(0, 500), Ct); // a different moment of the batch cycle each time, not a correctness wait
            await Eventually.TrueAsync(
                () => fleet.Totals.Acked >= acked + 400 && fleet.Devices.Any(d => d.Pending > 0), $"acks flowing and frames in flight before kill {kill}", TimeSpan.FromSeconds(60));
            pendingAtKill.Add(fleet.Devices.Sum(d => (long)d.Pending));
            Log($"kill {kill}: {pendingAtKill[^1]} frames pending; {fleet.Totals}");
            await serve.KillAsync();
            await serve.StartAsync();
        }

        long finalAcked = fleet.Totals.Acked;
        await Eventually.TrueAsync(() => fleet.Totals.Acked >= finalAcked + 400, "acks flowing after the last restart", TimeSpan.FromSeconds(60));
        fleet.StopProducing();
        await Eventually.TrueAsync(() => fleet.Drained, "every device's outbox drained", TimeSpan.FromSeconds(60));

        Log($"drained after {serve.Starts} starts: {fleet.Totals}");
        Assert.All(pendingAtKill, pending => Assert.True(pending > 0, "frames were in flight at every kill"));
        DeviceCounters totals = fleet.Totals;
        Assert.Equal(0, totals.RejectedAcks);
        Assert.True(totals.Resent > 0, "devices re-sent unacked frames after the kills (so duplicates were offered)");
        Assert.Equal(totals.Produced, totals.Acked);
        Assert.All(fleet.Devices, d => Assert.Equal((ulong)d.Produced, d.HighestAck));

        SqliteConnectionFactory.ClearPools();
        await using var store = new SqliteControllerStore(new SqliteStoreOptions(serve.DataDirectory), TimeProvider.System);
        await AssertStoredExactlyOnceAsync(store, members, fleet);
        Assert.Empty((await store.GetQuarantineAsync(new QuarantineQuery(10), Ct)).Items);
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");

    /// <summary>Every device's frames 1..produced are stored once each, authentic (MAC with the device's key), in a
    /// dense log; the watermark is complete with no gap; each frame's six readings are stored.</summary>
    private static async Task AssertStoredExactlyOnceAsync(SqliteControllerStore store, List<FleetMember> members, SimulatedFleet fleet)
    {
        var frames = new List<StoredFrame>();
        for (long from = 1; ; from = frames[^1].LogIndex + 1)
        {
            IReadOnlyList<StoredFrame> page = await store.GetFramesInLogOrderAsync(from, SqliteFrameQueries.MaxPageSize, Ct);
            if (page.Count == 0)
            {
                break;
            }

            frames.AddRange(page);
        }

        Assert.Equal(Enumerable.Range(1, frames.Count).Select(i => (long)i), frames.Select(f => f.LogIndex));
        Assert.Equal(fleet.Totals.Produced, frames.Count);
        await AssertMerkleLogMatchesFramesAsync(store, frames);
        Dictionary<string, byte[]> secrets = members.ToDictionary(m => m.DeviceId, m => m.Secret);
        foreach (IGrouping<string, StoredFrame> device in frames.GroupBy(f => f.DeviceId))
        {
            long produced = fleet.Devices.Single(d => d.DeviceId == device.Key).Produced;
            Assert.Equal(Enumerable.Range(1, (int)produced).Select(i => (long)i), device.Select(f => f.Sequence).Order());
            var keys = new DeviceKeys(secrets[device.Key]);
            var verifier = new MessageVerifier(keys.DeviceMessageKey, keys.KeyId);
            foreach (StoredFrame frame in device)
            {
                Assert.Equal(MessageType.Frame, verifier.Verify(frame.RawMessage, 0, frame.RawMessage.Length));
                Frame decoded = FrameCodec.Decode(frame.RawMessage, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
                Assert.Equal((ulong)frame.Sequence, decoded.Sequence);
            }

            SequenceWatermark watermark = Assert.Single(await store.GetWatermarksAsync(device.Key, Ct));
            Assert.Equal(produced, watermark.ContiguousSequence);
            Assert.Equal(0, watermark.OpenGapCount);
            Assert.Equal(produced * 6, await CountReadingsAsync(store, device.Key));
        }
    }

    /// <summary>The Merkle log the killed controller kept equals the tree of its stored frames, leaf for leaf, and was
    /// not patched up at open: SIGKILL never separated the log from the frame table.</summary>
    private static async Task AssertMerkleLogMatchesFramesAsync(SqliteControllerStore store, List<StoredFrame> frames)
    {
        Assert.Equal(0, store.LeavesAppendedAtOpen);
        var tree = new MerkleTree(frames.Count);
        foreach (StoredFrame frame in frames)
        {
            tree.Append(frame.RawMessage);
        }

        Assert.Equal(frames.Count, await store.GetLogSizeAsync(Ct));
        Assert.Equal(tree.GetRoot(), await store.GetLogRootAsync(frames.Count, Ct));
        var inclusion = new InclusionProofVerifier();
        var hasher = new MerkleHasher();
        for (int leaf = 0; leaf < frames.Count; leaf += Math.Max(1, frames.Count / 50))
        {
            byte[][] path = [.. await store.GetInclusionProofAsync(leaf, frames.Count, Ct)];
            Assert.True(inclusion.VerifyInclusion(leaf, frames.Count, hasher.HashLeaf(frames[leaf].RawMessage), path, tree.GetRoot()));
        }
    }

    private static async Task<long> CountReadingsAsync(SqliteControllerStore store, string deviceId)
    {
        long count = 0;
        ReadingCursor? after = null;
        do
        {
            ReadingsPage page = await store.GetReadingsAsync(
                new ReadingsQuery(deviceId, 0, long.MaxValue, SqliteFrameQueries.MaxPageSize) { After = after }, Ct);
            count += page.Items.Count;
            after = page.Next;
        }
        while (after is not null);

        return count;
    }
}
