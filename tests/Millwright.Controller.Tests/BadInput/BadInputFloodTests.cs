using System.Globalization;
using Millwright.Controller.Ingest;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Tests.Infrastructure;
using MQTTnet;

namespace Millwright.Controller.Tests.BadInput;

/// <summary>
/// Issue 5 item 8: thousands of malformed, truncated, oversized, wrongly signed, replayed and cross-device messages,
/// published by an authorized device on its own topic (through the embedded broker, with a real login) while two
/// honest devices stream frames. The honest streams must be stored complete; every bad message must be in quarantine,
/// byte for byte, with the reason its kind calls for, and counted per reason on /metrics.
/// </summary>
public sealed class BadInputFloodTests
{
    private const int PerKind = 600;
    private const int HonestFrames = 1000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_bad_message_is_quarantined_with_its_reason_and_the_valid_streams_are_stored_complete()
    {
        await using RunningController controller = await RunningController.StartAsync();
        var mallory = new TestDevice(RunningController.Plant, "mallory");
        var victim = new TestDevice(RunningController.Plant, "victim");
        TestDevice[] honest = [new(RunningController.Plant, "honest-01"), new(RunningController.Plant, "honest-02")];
        foreach (TestDevice device in (TestDevice[])[mallory, victim, .. honest])
        {
            await controller.AddAsync(device);
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        var factory = new BadMessageFactory(mallory, victim, now, seed: 8);
        await using DeviceConnection attacker = await DeviceConnection.ConnectAsync(mallory, controller.MqttPort);
        await PublishAllAsync(attacker, mallory.FramesTopic, factory.Originals());
        await attacker.WaitForAckAsync(BadMessageFactory.ReplayableSequences);
        List<BadMessage> bad = factory.Mixed(PerKind, oversizeMaxBytes: 16_384);

        // The ACL keeps mallory off the victim's topic altogether: refused by the broker, never seen by ingest.
        MqttClientPublishResult refused = await attacker.PublishAsync(victim.FramesTopic, victim.Frame(1, now));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, refused.ReasonCode);

        Task flood = PublishAllAsync(attacker, mallory.FramesTopic, bad.Select(m => m.Payload));
        Task[] streams = [.. honest.Select(device => StreamAsync(device, controller.MqttPort, now))];
        await Task.WhenAll([flood, .. streams]);

        Dictionary<QuarantineReason, long> expected = bad.GroupBy(m => m.ExpectedReason).ToDictionary(g => g.Key, g => (long)g.Count());
        await Eventually.TrueAsync(
            async () => (await controller.Store.CountQuarantineByReasonAsync(Ct)).Values.Sum() >= bad.Count, $"{bad.Count} messages quarantined", TimeSpan.FromSeconds(60));
        Assert.Equal(expected.OrderBy(e => e.Key), (await controller.Store.CountQuarantineByReasonAsync(Ct)).OrderBy(e => e.Key));
        await AssertQuarantinedByteForByteAsync(controller, bad, mallory);

        foreach (TestDevice device in honest)
        {
            SequenceWatermark watermark = Assert.Single(await controller.Store.GetWatermarksAsync(device.DeviceId, Ct));
            Assert.Equal(HonestFrames, watermark.ContiguousSequence);
            Assert.Equal(HonestFrames, watermark.HighestSequence);
        }

        // Mallory's originals stay as first stored: replays changed nothing, and nothing else of mallory's was stored.
        SequenceWatermark malloryMark = Assert.Single(await controller.Store.GetWatermarksAsync(mallory.DeviceId, Ct));
        Assert.Equal(BadMessageFactory.ReplayableSequences, malloryMark.ContiguousSequence);
        Assert.Equal(BadMessageFactory.ReplayableSequences, malloryMark.HighestSequence);
        Assert.Equal((2 * HonestFrames) + BadMessageFactory.ReplayableSequences, await controller.Store.CountFramesAsync(Ct));

        using HttpClient http = controller.Http();
        string metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);
        foreach ((QuarantineReason reason, long count) in expected)
        {
            Assert.Contains($"millwright_frames_rejected_total{{reason=\"{QuarantineReasons.Name(reason)}\"}} {count.ToString(CultureInfo.InvariantCulture)}\n", metrics, StringComparison.Ordinal);
        }
    }

    /// <summary>The quarantine holds exactly the bad messages: each one's bytes (the first 4096 of an oversized one, and
    /// its length), on mallory's topic, under its expected reason.</summary>
    private static async Task AssertQuarantinedByteForByteAsync(RunningController controller, List<BadMessage> bad, TestDevice mallory)
    {
        var records = new List<QuarantineRecord>();
        long? before = null;
        do
        {
            QuarantinePage page = await controller.Store.GetQuarantineAsync(new QuarantineQuery(1000) { BeforeId = before }, Ct);
            records.AddRange(page.Items);
            before = page.NextBeforeId;
        }
        while (before is not null);

        Assert.All(records, r => Assert.Equal((mallory.FramesTopic, mallory.DeviceId), (r.Topic, r.DeviceId)));
        static string Key(QuarantineReason reason, byte[] raw, int length) =>
            $"{reason}:{length}:{Convert.ToHexString(raw.AsSpan(0, Math.Min(raw.Length, QuarantineEntry.MaxStoredBytes)))}";
        List<string> expected = [.. bad.Select(m => Key(m.ExpectedReason, m.Payload, m.Payload.Length)).Order(StringComparer.Ordinal)];
        List<string> actual = [.. records.Select(r => Key(r.Reason, r.RawMessage, r.OriginalLength)).Order(StringComparer.Ordinal)];
        Assert.Equal(expected, actual);
    }

    private static async Task StreamAsync(TestDevice device, int port, DateTimeOffset now)
    {
        await using DeviceConnection connection = await DeviceConnection.ConnectAsync(device, port);
        await PublishAllAsync(connection, device.FramesTopic, Enumerable.Range(1, HonestFrames).Select(seq => device.Frame(seq, now.AddMilliseconds(seq))));
        await connection.WaitForAckAsync(HonestFrames);
    }

    /// <summary>QoS 1 publishes, up to 100 awaiting their PUBACK at a time; every one must be accepted by the broker.</summary>
    internal static async Task PublishAllAsync(DeviceConnection connection, string topic, IEnumerable<byte[]> payloads)
    {
        foreach (byte[][] chunk in payloads.Chunk(100))
        {
            MqttClientPublishResult[] results = await Task.WhenAll(chunk.Select(p => connection.PublishAsync(topic, p)));
            Assert.All(results, r => Assert.True(r.IsSuccess, $"publish refused: {r.ReasonCode}"));
        }
    }
}
