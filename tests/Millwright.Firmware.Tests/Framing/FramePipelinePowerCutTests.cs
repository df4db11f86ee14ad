using Millwright.Firmware.Framing;
using Millwright.Firmware.Outbox;
using Millwright.Firmware.Tests.Fakes;
using Millwright.Protocol.Messages;
using static Millwright.Firmware.Tests.Framing.FramingTestData;

namespace Millwright.Firmware.Tests.Framing;

/// <summary>
/// The whole storage path under random power cuts (at any byte of any write, or before any write, replace or delete),
/// reboots, replay and acks, with a controller that verifies every message: no sequence number ever names two different
/// messages, and every frame whose Append returned reaches the controller, itself or inside a signed gap record.
/// </summary>
public class FramePipelinePowerCutTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void NoNumberRepeatsAndNoStoredFrameIsLostSilently(int seed)
    {
        var random = new Random(seed);
        var store = new MemoryRecordStore();
        var options = new OutboxOptions { SegmentBytes = 2 * OutboxRecordFormat.MaxRecordBytes, MaxSegments = 2 + random.Next(3), AckPersistInterval = 1 + random.Next(8) };
        var controller = new VerifyingController();
        var stored = new List<ulong>();
        int cuts = 0;
        long time = January2026Micros;
        for (int boot = 0; boot < 300; boot++)
        {
            FramePipeline pipeline = Start(store.Reboot(), options, blockSize: 1 + random.Next(40));
            bool armed = random.Next(3) == 0;
            if (armed && random.Next(2) == 0)
            {
                store.CutAfterBytes(random.Next(0, 700));
            }
            else if (armed)
            {
                store.CutAfterOperations(random.Next(0, 6));
            }

            try
            {
                for (int op = random.Next(40); op > 0; op--)
                {
                    if (random.Next(10) < 7)
                    {
                        time += 1_000_000;
                        stored.Add(pipeline.Append(TypicalFrame(time)));
                    }
                    else
                    {
                        controller.ReceiveAndAck(pipeline.Outbox, random);
                    }
                }
            }
            catch (PowerCutException)
            {
                cuts++;
            }
        }

        FramePipeline last = Start(store.Reboot(), options);
        stored.Add(last.Append(TypicalFrame(time + 1_000_000))); // also writes the gap records recovery found
        controller.ReceiveAndAck(last.Outbox, random);

        Assert.True(cuts > 50, $"only {cuts} cuts");
        Assert.Equal(stored.Count, stored.Distinct().Count());
        foreach (ulong sequence in stored)
        {
            Assert.True(controller.Holds(sequence), $"frame {sequence} vanished without a gap record");
        }
    }

    /// <summary>Verifies and decodes what replay yields, keeps it by sequence number, acks what it has.</summary>
    private sealed class VerifyingController
    {
        private readonly MessageVerifier _verifier = new(Keys.DeviceMessageKey, Keys.KeyId);
        private readonly Dictionary<ulong, byte[]> _messages = [];
        private readonly List<GapRecord> _gaps = [];
        private readonly byte[] _buffer = new byte[ProtocolLimits.MaxMessageBytes];

        public void ReceiveAndAck(OutboxLog outbox, Random random)
        {
            var received = new List<ulong>();
            ulong after = 0;
            int length;
            while ((length = outbox.ReadAfter(after, _buffer, 0, out ulong sequence)) > 0)
            {
                byte[] message = _buffer.AsSpan(0, length).ToArray();
                if (_messages.TryGetValue(sequence, out byte[]? earlier))
                {
                    Assert.Equal(earlier, message); // a resend, never another message under the same number
                }

                MessageType type = _verifier.Verify(message, 0, length);
                byte[] payload = message.AsSpan(_verifier.Message.PayloadOffset, _verifier.Message.PayloadLength).ToArray();
                ulong inside = type == MessageType.Gap ? Gap(payload).Sequence : FrameCodec.Decode(payload, 0, payload.Length).Sequence;
                Assert.Equal(sequence, inside);
                _messages[sequence] = message;
                received.Add(sequence);
                after = sequence;
            }

            // Everything the device holds above its floor was just read: any number read now may be acked.
            if (received.Count > 0)
            {
                outbox.Acknowledge(random.Next(2) == 0 ? received[^1] : received[random.Next(received.Count)]);
            }
        }

        public bool Holds(ulong sequence) =>
            _messages.ContainsKey(sequence) || _gaps.Any(gap => gap.FirstDropped <= sequence && sequence <= gap.LastDropped);

        private GapRecord Gap(byte[] payload)
        {
            GapRecord gap = GapRecordCodec.Decode(payload, 0, payload.Length);
            _gaps.Add(gap);
            return gap;
        }
    }
}
