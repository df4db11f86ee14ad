using Millwright.Controller.Storage.Records;
using Millwright.Protocol;

namespace Millwright.Controller.Tests.Storage;

public sealed class QuarantineStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task KeepsRawBytesTopicTimeAndReasonAndCountsPerReason()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        var badMac = new QuarantineEntry([1, 2, 3], "mw/v1/p/a/frames", TestFrames.ReceivedAt, QuarantineReason.BadMac, "MAC does not verify")
        {
            DeviceId = "a",
            ProtocolError = ProtocolError.CoseBadMac,
        };
        await temp.Store.QuarantineAsync([badMac, Entry(QuarantineReason.BadCbor), Entry(QuarantineReason.BadMac)], None);
        await temp.Store.QuarantineAsync([Entry(QuarantineReason.Replay)], None);

        IReadOnlyDictionary<QuarantineReason, long> counts = await temp.Store.CountQuarantineByReasonAsync(None);
        Assert.Equal(new Dictionary<QuarantineReason, long>
        {
            [QuarantineReason.BadMac] = 2,
            [QuarantineReason.BadCbor] = 1,
            [QuarantineReason.Replay] = 1,
        }, counts);

        QuarantineRecord stored = (await temp.Store.GetQuarantineAsync(new QuarantineQuery(10) { DeviceId = "a" }, None)).Items.Single();
        Assert.Equal(new byte[] { 1, 2, 3 }, stored.RawMessage);
        Assert.Equal(("mw/v1/p/a/frames", QuarantineReason.BadMac, ProtocolError.CoseBadMac, "MAC does not verify", 3, TestFrames.ReceivedAt),
            (stored.Topic, stored.Reason, stored.ProtocolError, stored.Detail, stored.OriginalLength, stored.ReceivedAt));
    }

    [Fact]
    public async Task TruncatesOversizeMessagesButKeepsTheirLength()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        byte[] huge = new byte[256 * 1024];
        huge[0] = 0xd2;

        await temp.Store.QuarantineAsync([new QuarantineEntry(huge, "mw/v1/p/a/frames", TestFrames.ReceivedAt, QuarantineReason.Oversize, "too large")], None);

        QuarantineRecord stored = (await temp.Store.GetQuarantineAsync(new QuarantineQuery(10), None)).Items.Single();
        Assert.Equal(QuarantineEntry.MaxStoredBytes, stored.RawMessage.Length);
        Assert.Equal(huge.Length, stored.OriginalLength);
        Assert.Null(stored.DeviceId);
        Assert.Null(stored.ProtocolError);
    }

    [Fact]
    public async Task PagesNewestFirstAndFiltersByReason()
    {
        await using TempStore temp = await TempStore.CreateAsync();
        var entries = Enumerable.Range(0, 25)
            .Select(i => Entry(i % 5 == 0 ? QuarantineReason.ClockSkew : QuarantineReason.UnknownDevice, $"#{i}"))
            .ToList();
        await temp.Store.QuarantineAsync(entries, None);

        var details = new List<string>();
        long? before = null;
        int pages = 0;
        do
        {
            QuarantinePage page = await temp.Store.GetQuarantineAsync(new QuarantineQuery(4) { Reason = QuarantineReason.UnknownDevice, BeforeId = before }, None);
            details.AddRange(page.Items.Select(r => r.Detail));
            before = page.NextBeforeId;
            pages++;
        }
        while (before is not null);

        Assert.Equal(5, pages);
        Assert.Equal(Enumerable.Range(0, 25).Where(i => i % 5 != 0).Reverse().Select(i => $"#{i}"), details);
    }

    private static QuarantineEntry Entry(QuarantineReason reason, string detail = "") =>
        new([0xff], "mw/v1/p/x/frames", TestFrames.ReceivedAt, reason, detail);
}
