using System.Text.Json.Nodes;
using Millwright.Protocol.Messages;

namespace Millwright.Protocol.Tests.Interop;

/// <summary>
/// Random frames for the interop tests and their JSON form as the scripts in Interop/js read and write it:
/// 64-bit integers as decimal strings, sample values as the hex of their float32 bits (so -0, infinities and
/// subnormals survive JSON).
/// </summary>
internal static class InteropFrames
{
    // Values that each take a different CBOR float encoding or are easy to get wrong: integral values (which the
    // npm cbor package writes as integers unless told otherwise), -0, half-precision subnormals and limits.
    private static readonly float[] SpecialValues =
    [
        0f, -0f, 20f, 1.5f, -273.15f, 65504f, 65520f, 5.9604645e-8f, 6.1035156e-5f, float.Epsilon,
        float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity,
    ];

    public static Frame Create(Random random)
    {
        var frame = new Frame
        {
            DeviceId = DeviceId(random),
            BootCounter = (uint)random.NextInt64(0, (long)uint.MaxValue + 1),
            Sequence = random.Next(4) == 0 ? (ulong)random.Next(1, 30) : (ulong)random.NextInt64(1, long.MaxValue),
            TimeMicros = random.NextInt64(0, long.MaxValue),
            TimeQuality = (TimeQuality)random.Next(0, 3),
        };

        int samples = random.Next(4) == 0 ? random.Next(0, ProtocolLimits.MaxSamplesPerFrame + 1) : 6;
        for (int i = 0; i < samples; i++)
        {
            frame.AddSample(random.Next(0, 65536), random.Next(int.MinValue, int.MaxValue), Value(random));
        }

        return frame;
    }

    /// <summary>A random frame whose samples are every special value, so each run covers every float encoding.</summary>
    public static Frame CreateWithEverySpecialValue(Random random)
    {
        Frame frame = Create(random);
        frame.ClearSamples();
        foreach (float value in SpecialValues)
        {
            frame.AddSample(random.Next(0, 65536), random.Next(int.MinValue, int.MaxValue), value);
        }

        return frame;
    }

    public static JsonObject ToJson(Frame frame)
    {
        var samples = new JsonArray();
        for (int i = 0; i < frame.SampleCount; i++)
        {
            samples.Add(new JsonObject
            {
                ["channel"] = frame.ChannelIds[i].ToString(),
                ["offset"] = frame.OffsetsMicros[i].ToString(),
                ["valueBitsHex"] = BitConverter.SingleToUInt32Bits(frame.Values[i]).ToString("x8"),
            });
        }

        return new JsonObject
        {
            ["deviceId"] = frame.DeviceId,
            ["bootCounter"] = frame.BootCounter.ToString(),
            ["sequence"] = frame.Sequence.ToString(),
            ["timeMicros"] = frame.TimeMicros.ToString(),
            ["timeQuality"] = ((int)frame.TimeQuality).ToString(),
            ["samples"] = samples,
        };
    }

    /// <summary>Asserts that a frame described by verify-mac0.js (decoded by npm cbor) has the fields of <paramref name="expected"/>.</summary>
    public static void AssertDescribes(Frame expected, JsonNode described)
    {
        JsonObject actual = described.AsObject();
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], actual["keys"]!.AsArray().Select(k => (string)k!));
        Assert.Equal("1", (string?)actual["type"]);
        JsonObject wanted = ToJson(expected);
        foreach (string field in new[] { "deviceId", "bootCounter", "sequence", "timeMicros", "timeQuality" })
        {
            Assert.True((string?)wanted[field] == (string?)actual[field], $"{field}: expected {wanted[field]}, npm cbor decoded {actual[field]}");
        }

        Assert.Equal(wanted["samples"]!.ToJsonString(), actual["samples"]!.ToJsonString());
    }

    public static void AssertSameFrame(Frame expected, Frame actual)
    {
        Assert.Equal(expected.DeviceId, actual.DeviceId);
        Assert.Equal(expected.BootCounter, actual.BootCounter);
        Assert.Equal(expected.Sequence, actual.Sequence);
        Assert.Equal(expected.TimeMicros, actual.TimeMicros);
        Assert.Equal(expected.TimeQuality, actual.TimeQuality);
        Assert.Equal(expected.SampleCount, actual.SampleCount);
        for (int i = 0; i < expected.SampleCount; i++)
        {
            Assert.Equal(expected.ChannelIds[i], actual.ChannelIds[i]);
            Assert.Equal(expected.OffsetsMicros[i], actual.OffsetsMicros[i]);
            Assert.Equal(BitConverter.SingleToUInt32Bits(expected.Values[i]), BitConverter.SingleToUInt32Bits(actual.Values[i]));
        }
    }

    private static string DeviceId(Random random)
    {
        const string first = "abcdefghijklmnopqrstuvwxyz0123456789";
        const string rest = first + "-_";
        var id = new char[random.Next(1, 33)];
        id[0] = first[random.Next(first.Length)];
        for (int i = 1; i < id.Length; i++)
        {
            id[i] = rest[random.Next(rest.Length)];
        }

        return new string(id);
    }

    // NaN is left out: its payload bits are not preserved through JavaScript numbers, so no field comparison holds.
    private static float Value(Random random)
    {
        switch (random.Next(3))
        {
            case 0: return SpecialValues[random.Next(SpecialValues.Length)];
            case 1: return (random.NextSingle() * 200f) - 50f; // what a temperature or pressure channel sends
        }

        float value;
        do
        {
            value = BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, (long)uint.MaxValue + 1));
        }
        while (float.IsNaN(value));

        return value;
    }
}
