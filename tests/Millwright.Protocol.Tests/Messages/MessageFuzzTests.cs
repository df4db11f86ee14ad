using Millwright.Protocol.Messages;
using SysCbor = System.Formats.Cbor;

namespace Millwright.Protocol.Tests.Messages;

/// <summary>
/// Random and mutated input through MessageVerifier.Verify and every decoder: a ProtocolException is the only
/// failure allowed, and every run finishes in bounded time. Seeds are fixed, so a failure reproduces.
/// </summary>
public class MessageFuzzTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    private static readonly byte[] InterestingBytes =
    [
        0x00, 0x01, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1f, 0x20, 0x38, 0x3b, 0x40, 0x58, 0x5b, 0x5f, 0x60, 0x78, 0x7b, 0x7f,
        0x80, 0x98, 0x9b, 0x9f, 0xa0, 0xb8, 0xbb, 0xbf, 0xc0, 0xd1, 0xd8, 0xdb, 0xe0, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9,
        0xfa, 0xfb, 0xff,
    ];

    [Fact]
    public void MutatedSignedMessagesOnlyEverFailWithProtocolException()
    {
        RunWithinBudget(() =>
        {
            var random = new Random(20260101);
            var controllerSide = TestDevice.ControllerSideVerifier();
            var deviceSide = TestDevice.DeviceSideVerifier();
            int inputs = 0;
            foreach (MessageType type in TestDevice.SignedTypes)
            {
                byte[] signed = TestDevice.Signed(type);
                for (int i = 0; i < 3_000; i++)
                {
                    byte[] mutated = Mutate(signed, random);
                    bool same = mutated.AsSpan().SequenceEqual(signed);
                    VerifyAndDecode(controllerSide, mutated, mustVerify: same && TestDevice.IsFromDevice(type));
                    VerifyAndDecode(deviceSide, mutated, mustVerify: same && !TestDevice.IsFromDevice(type));
                    inputs++;
                }
            }

            Assert.Equal(18_000, inputs);
        });
    }

    [Fact]
    public void MutatedPayloadsThroughEveryDecoderOnlyFailWithProtocolException()
    {
        RunWithinBudget(() =>
        {
            var random = new Random(8949);
            int accepted = 0;
            foreach (MessageType type in TestDevice.AllTypes)
            {
                byte[] payload = PayloadBuilder.For(type).Encode();
                for (int i = 0; i < 3_000; i++)
                {
                    byte[] mutated = Mutate(payload, random);
                    foreach (MessageType decoder in TestDevice.AllTypes)
                    {
                        accepted += TryDecode(decoder, mutated) ? 1 : 0;
                    }
                }
            }

            // The mutations reach the field checks, not only the CBOR reader.
            Assert.True(accepted > 100, $"only {accepted} mutated payloads decoded");
        });
    }

    [Fact]
    public void ReSignedMutatedPayloadsPassTheMacAndOnlyFailInTheDecoders()
    {
        RunWithinBudget(() =>
        {
            var random = new Random(9052);
            var controllerSide = TestDevice.ControllerSideVerifier();
            int verified = 0;
            foreach (MessageType type in TestDevice.SignedTypes)
            {
                byte[] payload = PayloadBuilder.For(type).Encode();
                for (int i = 0; i < 2_000; i++)
                {
                    byte[] signed = TestDevice.SignPayload(Mutate(payload, random), TestDevice.Keys.DeviceMessageKey);
                    verified += VerifyAndDecode(controllerSide, signed, mustVerify: false) ? 1 : 0;
                }
            }

            Assert.True(verified > 1_000, $"only {verified} re-signed payloads got past the type check");
        });
    }

    [Fact]
    public void RandomPayloadsWithKnownKeysOnlyFailWithProtocolException()
    {
        RunWithinBudget(() =>
        {
            var random = new Random(1883);
            var controllerSide = TestDevice.ControllerSideVerifier();
            for (int i = 0; i < 5_000; i++)
            {
                byte[] payload = RandomPayload(random);
                foreach (MessageType decoder in TestDevice.AllTypes)
                {
                    TryDecode(decoder, payload);
                }

                VerifyAndDecode(controllerSide, TestDevice.SignPayload(payload, TestDevice.Keys.DeviceMessageKey), mustVerify: false);
            }
        });
    }

    [Fact]
    public void RandomBytesOnlyFailWithProtocolException()
    {
        RunWithinBudget(() =>
        {
            var random = new Random(17);
            var deviceSide = TestDevice.DeviceSideVerifier();
            for (int i = 0; i < 10_000; i++)
            {
                var bytes = new byte[random.Next(0, 200)];
                random.NextBytes(bytes);
                if (bytes.Length > 0 && random.Next(2) == 0)
                {
                    bytes[0] = random.Next(2) == 0 ? (byte)0xd1 : (byte)0x84;
                }

                VerifyAndDecode(deviceSide, bytes, mustVerify: false);
                foreach (MessageType decoder in TestDevice.AllTypes)
                {
                    TryDecode(decoder, bytes);
                }
            }
        });
    }

    private static void RunWithinBudget(Action body)
    {
        Task run = Task.Run(body, TestContext.Current.CancellationToken);
        Assert.True(run.Wait(Budget, TestContext.Current.CancellationToken), $"fuzzing did not finish within {Budget}");
        run.GetAwaiter().GetResult();
    }

    /// <summary>Verifies, then decodes with the announced type's codec. Returns true when the message verified.</summary>
    private static bool VerifyAndDecode(MessageVerifier verifier, byte[] message, bool mustVerify)
    {
        MessageType type;
        try
        {
            type = verifier.Verify(message, 0, message.Length);
        }
        catch (ProtocolException)
        {
            Assert.False(mustVerify, "an unchanged message failed to verify");
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"Verify threw {e.GetType().Name} for {Convert.ToHexStringLower(message)}: {e}");
            return false;
        }

        TryDecode(type, message, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
        return true;
    }

    private static bool TryDecode(MessageType type, byte[] payload) => TryDecode(type, payload, 0, payload.Length);

    private static bool TryDecode(MessageType type, byte[] data, int offset, int count)
    {
        try
        {
            TestDevice.Decode(type, data, offset, count);
            return true;
        }
        catch (ProtocolException)
        {
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{type} decoder threw {e.GetType().Name} for {Convert.ToHexStringLower(data.AsSpan(offset, count))}: {e}");
            return false;
        }
    }

    internal static byte[] Mutate(byte[] input, Random random)
    {
        var data = new List<byte>(input);
        int rounds = random.Next(4) == 0 ? random.Next(2, 4) : 1;
        for (int round = 0; round < rounds; round++)
        {
            switch (random.Next(6))
            {
                case 0:
                    for (int flips = random.Next(1, 4); flips > 0 && data.Count > 0; flips--)
                    {
                        data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 1:
                    int cut = random.Next(data.Count + 1);
                    data.RemoveRange(cut, data.Count - cut);
                    break;
                case 2:
                    var inserted = new byte[random.Next(1, 9)];
                    random.NextBytes(inserted);
                    data.InsertRange(random.Next(data.Count + 1), inserted);
                    break;
                case 3:
                    if (data.Count > 0)
                    {
                        int start = random.Next(data.Count);
                        data.RemoveRange(start, random.Next(1, Math.Min(8, data.Count - start) + 1));
                    }

                    break;
                case 4:
                    if (data.Count > 0)
                    {
                        data[random.Next(data.Count)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                    }

                    break;
                default:
                    if (data.Count > 0)
                    {
                        int start = random.Next(data.Count);
                        int length = random.Next(1, Math.Min(16, data.Count - start) + 1);
                        data.InsertRange(random.Next(data.Count + 1), data.GetRange(start, length));
                    }

                    break;
            }
        }

        return [.. data];
    }

    /// <summary>A map whose first key is the type (often a real one), then known and unknown keys with values of any kind.</summary>
    private static byte[] RandomPayload(Random random)
    {
        var builder = new PayloadBuilder();
        if (random.Next(10) != 0)
        {
            builder.UInt(1, (ulong)random.Next(0, 9));
        }

        int fields = random.Next(0, 18);
        for (int i = 0; i < fields; i++)
        {
            long key = random.Next(10) == 0 ? random.Next(-40, 200) : random.Next(2, 30);
            if (key == 1)
            {
                continue;
            }

            int seed = random.Next();
            builder.Set(key, w => WriteRandomValue(w, new Random(seed), 0));
        }

        return builder.Encode();
    }

    private static void WriteRandomValue(SysCbor.CborWriter writer, Random random, int depth)
    {
        switch (random.Next(depth >= 3 ? 9 : 13))
        {
            case 0: writer.WriteUInt64((ulong)random.Next(0, 30)); break;
            case 1: writer.WriteUInt64(random.Next(3) == 0 ? ulong.MaxValue - (ulong)random.Next(3) : (ulong)random.NextInt64()); break;
            case 2: writer.WriteInt64(-random.NextInt64(1, long.MaxValue)); break;
            case 3: writer.WriteTextString(random.Next(2) == 0 ? TestDevice.DeviceId : new string((char)random.Next('a', 'z' + 1), random.Next(0, 140))); break;
            case 4:
                var bytes = new byte[random.Next(0, 40)];
                random.NextBytes(bytes);
                writer.WriteByteString(bytes);
                break;
            case 5: PayloadBuilder.WriteShortestFloat(writer, (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-10, 40)))); break;
            case 6: writer.WriteBoolean(random.Next(2) == 0); break;
            case 7: writer.WriteNull(); break;
            case 8: PayloadBuilder.WriteShortestFloat(writer, random.Next(3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => -0f }); break;
            case 9:
                // A sample-shaped triple, or an array of them.
                int count = random.Next(0, 70);
                writer.WriteStartArray(count);
                for (int i = 0; i < count; i++)
                {
                    writer.WriteStartArray(3);
                    writer.WriteInt64(random.Next(-2, 70_000));
                    writer.WriteInt64(random.Next(int.MinValue, int.MaxValue));
                    PayloadBuilder.WriteShortestFloat(writer, (float)random.NextDouble());
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
                break;
            case 10:
                int items = random.Next(0, 5);
                writer.WriteStartArray(items);
                for (int i = 0; i < items; i++)
                {
                    WriteRandomValue(writer, random, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case 12:
                writer.WriteTag((SysCbor.CborTag)random.Next(0, 300));
                WriteRandomValue(writer, random, depth + 1);
                break;
            default:
                int pairs = random.Next(0, 4);
                writer.WriteStartMap(pairs);
                for (int i = 0; i < pairs; i++)
                {
                    writer.WriteInt32(i);
                    WriteRandomValue(writer, random, depth + 1);
                }

                writer.WriteEndMap();
                break;
        }
    }
}
