using System.Diagnostics;
using Millwright.Controller.Configuration;
using Millwright.Controller.Ingest;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Tests.Infrastructure;
using Millwright.Protocol;
using Millwright.Protocol.Messages;
using Millwright.Protocol.Topics;

namespace Millwright.Controller.Tests.Ingest;

public sealed class IngestVerifierTests
{
    private const string Plant = "plant-a";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeKeyring _keys = new();
    private readonly TestDevice _device = new(Plant, "press-01");
    private readonly IngestVerifier _verifier;

    public IngestVerifierTests()
    {
        _keys.Add(_device);
        _verifier = new IngestVerifier(Plant, new IngestOptions(), _keys);
    }

    [Fact]
    public async Task A_valid_frame_is_accepted_with_its_samples_and_key()
    {
        byte[] raw = _device.Frame(7, Now);

        var accepted = Assert.IsType<AcceptedFrame>(await Verify(_device.FramesTopic, raw));

        Assert.Equal("press-01", accepted.Frame.DeviceId);
        Assert.Equal(7, accepted.Frame.Sequence);
        Assert.Equal(1, accepted.Frame.Epoch);
        Assert.Equal(1, accepted.Frame.KeyGeneration);
        Assert.Equal(FrameKind.Readings, accepted.Frame.Kind);
        Assert.Equal(6, accepted.Frame.Samples.Count);
        Assert.Equal(new FrameSample(2, 10, 7.1f), accepted.Frame.Samples[1]);
        Assert.Same(raw, accepted.Frame.RawMessage);
        Assert.Equal(Now, accepted.Frame.ReceivedAt);
    }

    [Fact]
    public async Task A_gap_record_is_accepted_with_its_range()
    {
        var accepted = Assert.IsType<AcceptedFrame>(await Verify(_device.FramesTopic, _device.Gap(10, 3, 9, Now)));

        Assert.Equal(FrameKind.Gap, accepted.Frame.Kind);
        Assert.Equal(new GapDeclaration(3, 9, (int)GapReason.OutboxOverflow), accepted.Frame.Gap);
    }

    [Fact]
    public async Task Status_and_command_result_are_accepted_on_their_topics()
    {
        var status = Assert.IsType<AcceptedStatus>(await Verify(_device.StatusTopic, _device.Status(online: true, Now)));
        var result = Assert.IsType<AcceptedCommandResult>(await Verify(_device.CommandResultTopic, _device.CommandResult(3, Now)));

        Assert.True(status.Health.Online);
        Assert.Equal("virtual", status.Health.Board);
        Assert.Equal(3UL, result.Result.CommandId);
    }

    [Fact]
    public async Task Unsynced_time_is_accepted_whatever_its_value()
    {
        var accepted = Assert.IsType<AcceptedFrame>(await Verify(_device.FramesTopic, _device.Frame(1, DateTimeOffset.UnixEpoch.AddSeconds(5), TimeQuality.Unsynced)));

        Assert.Equal(TimeQuality.Unsynced, accepted.Frame.TimeQuality);
    }

    [Fact]
    public async Task An_old_frame_from_the_outbox_is_accepted()
    {
        Assert.IsType<AcceptedFrame>(await Verify(_device.FramesTopic, _device.Frame(1, Now.AddDays(-3))));
    }

    [Fact]
    public async Task Frame_too_far_ahead_is_clock_skew()
    {
        await AssertRejected(_device.FramesTopic, _device.Frame(1, Now.AddMinutes(6)), QuarantineReason.ClockSkew);
        await AssertRejected(_device.FramesTopic, _device.Frame(1, Now.AddDays(-31), TimeQuality.Controller), QuarantineReason.ClockSkew);
    }

    [Fact]
    public async Task Oversize_is_checked_before_parsing()
    {
        var rejected = await AssertRejected(_device.FramesTopic, new byte[2049], QuarantineReason.Oversize);

        Assert.Equal(ProtocolError.MessageTooLarge, rejected.Entry.ProtocolError);
    }

    [Fact]
    public async Task Garbage_is_bad_cbor_and_a_bare_map_is_bad_cose()
    {
        await AssertRejected(_device.FramesTopic, [0xff, 0x00, 0x01], QuarantineReason.BadCbor);
        await AssertRejected(_device.FramesTopic, [], QuarantineReason.BadCbor);
        await AssertRejected(_device.FramesTopic, TestDevice.BareCborMap(), QuarantineReason.BadCose);
    }

    [Fact]
    public async Task Truncated_frame_is_bad_cbor()
    {
        byte[] raw = _device.Frame(1, Now);

        var rejected = await AssertRejected(_device.FramesTopic, raw[..^5], QuarantineReason.BadCbor);

        Assert.Equal(ProtocolError.CborLengthExceedsInput, rejected.Entry.ProtocolError);
    }

    [Fact]
    public async Task Wrong_key_is_bad_mac()
    {
        await AssertRejected(_device.FramesTopic, _device.ForgedFrame(1, Now), QuarantineReason.BadMac);
    }

    [Fact]
    public async Task Flipped_payload_bit_is_bad_mac()
    {
        byte[] raw = _device.Frame(1, Now);
        raw[^40] ^= 0x01;

        await AssertRejected(_device.FramesTopic, raw, QuarantineReason.BadMac);
    }

    [Fact]
    public async Task Unknown_device_unknown_key_and_disabled()
    {
        var stranger = new TestDevice(Plant, "stranger");
        var sameIdOtherSecret = new TestDevice(Plant, "press-01");
        var disabled = new TestDevice(Plant, "off-01");
        _keys.Add(disabled, enabled: false);

        await AssertRejected(stranger.FramesTopic, stranger.Frame(1, Now), QuarantineReason.UnknownDevice);
        await AssertRejected(sameIdOtherSecret.FramesTopic, sameIdOtherSecret.Frame(1, Now), QuarantineReason.UnknownKey);
        await AssertRejected(disabled.FramesTopic, disabled.Frame(1, Now), QuarantineReason.Disabled);
    }

    [Fact]
    public async Task Frame_of_another_device_on_this_topic_is_a_topic_mismatch()
    {
        var other = new TestDevice(Plant, "press-02");
        _keys.Add(other);

        // Signed correctly by press-02 but published on press-01's topic: the kid names no key of press-01.
        await AssertRejected(_device.FramesTopic, other.Frame(1, Now), QuarantineReason.UnknownKey);
        // Signed by press-01 but naming press-02 inside.
        var rejected = await AssertRejected(_device.FramesTopic, _device.Frame(1, Now, payloadDeviceId: "press-02"), QuarantineReason.TopicMismatch);
        Assert.Equal("press-01", rejected.Entry.DeviceId);
    }

    [Fact]
    public async Task Message_type_must_belong_on_its_topic()
    {
        await AssertRejected(_device.FramesTopic, _device.Status(true, Now), QuarantineReason.TopicMismatch);
        await AssertRejected(_device.StatusTopic, _device.Frame(1, Now), QuarantineReason.TopicMismatch);
        await AssertRejected(_device.CommandResultTopic, _device.Gap(5, 1, 4, Now), QuarantineReason.TopicMismatch);
    }

    [Fact]
    public async Task Topics_that_are_not_device_to_controller_are_bad_topics()
    {
        await AssertRejected("mw/v1/plant-b/press-01/frames", _device.Frame(1, Now), QuarantineReason.BadTopic);
        await AssertRejected(_device.Topic(TopicKind.Ack), _device.Frame(1, Now), QuarantineReason.BadTopic);
        await AssertRejected("mw/v1/plant-a/$controller/state", _device.Frame(1, Now), QuarantineReason.BadTopic);
        await AssertRejected("mw/v1/plant-a/Press-01/frames", _device.Frame(1, Now), QuarantineReason.BadTopic);
    }

    [Fact]
    public async Task Rotated_out_key_is_accepted_only_below_its_cut_over()
    {
        var rotated = new TestDevice(Plant, "mixer-01");
        _keys.Add(rotated, generation: 1, acceptedBelow: 100);

        Assert.IsType<AcceptedFrame>(await Verify(rotated.FramesTopic, rotated.Frame(99, Now)));
        await AssertRejected(rotated.FramesTopic, rotated.Frame(100, Now), QuarantineReason.KeyRetired);
    }

    [Fact]
    public async Task Key_of_a_replaced_node_is_refused()
    {
        var oldNode = new TestDevice(Plant, "press-01");
        _keys.AddReplaced(_device, oldNode.Keys.KeyId);

        await AssertRejected(oldNode.FramesTopic, oldNode.Frame(5, Now), QuarantineReason.KeyRetired);
    }

    [Fact]
    public async Task Rejections_keep_the_raw_bytes_topic_and_time()
    {
        byte[] raw = _device.ForgedFrame(1, Now);

        var rejected = await AssertRejected(_device.FramesTopic, raw, QuarantineReason.BadMac);

        Assert.Same(raw, rejected.Entry.RawMessage);
        Assert.Equal(_device.FramesTopic, rejected.Entry.Topic);
        Assert.Equal(Now, rejected.Entry.ReceivedAt);
        Assert.Equal(ProtocolError.CoseBadMac, rejected.Entry.ProtocolError);
        Assert.False(string.IsNullOrEmpty(rejected.Entry.Detail));
    }

    private async Task<IngestItem> Verify(string topic, byte[] payload) =>
        await _verifier.VerifyAsync(new ReceivedMessage(topic, payload, Now, Stopwatch.GetTimestamp()), CancellationToken.None);

    private async Task<RejectedMessage> AssertRejected(string topic, byte[] payload, QuarantineReason reason)
    {
        var rejected = Assert.IsType<RejectedMessage>(await Verify(topic, payload));
        Assert.Equal(reason, rejected.Entry.Reason);
        return rejected;
    }
}
