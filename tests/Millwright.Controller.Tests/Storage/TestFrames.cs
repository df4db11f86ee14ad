using System.Security.Cryptography;
using System.Text;
using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Tests.Storage;

/// <summary>Frames and keys for store tests. The store does not verify MACs, so the raw bytes are a readable stand-in
/// of realistic size, unique per (device, epoch, sequence) unless a test passes its own.</summary>
internal static class TestFrames
{
    public const long BaseTimeMicros = 1_767_225_600_000_000; // 2026-01-01T00:00:00Z

    public static readonly DateTimeOffset ReceivedAt = new(2026, 1, 1, 0, 0, 1, TimeSpan.Zero);

    public static NewDeviceKey NewKey() => NewKey(RandomNumberGenerator.GetBytes(KeyDerivation.SecretSize));

    public static NewDeviceKey NewKey(byte[] secret) => new(KeyDerivation.DeriveKeyId(secret), secret);

    public static byte[] Raw(string deviceId, int epoch, long sequence, string variant = "")
    {
        byte[] raw = new byte[130];
        Encoding.ASCII.GetBytes($"{deviceId}/{epoch}/{sequence}{variant}").CopyTo(raw, 0);
        return raw;
    }

    public static FrameToStore Readings(string deviceId, long sequence, int epoch = 1, int channels = 6, byte[]? raw = null, DateTimeOffset? receivedAt = null) => new()
    {
        DeviceId = deviceId,
        Epoch = epoch,
        KeyGeneration = epoch,
        Sequence = sequence,
        BootCounter = 3,
        TimeMicros = BaseTimeMicros + sequence * 1_000_000,
        TimeQuality = TimeQuality.Sntp,
        ReceivedAt = receivedAt ?? ReceivedAt,
        RawMessage = raw ?? Raw(deviceId, epoch, sequence),
        Kind = FrameKind.Readings,
        Samples = Enumerable.Range(1, channels).Select(c => new FrameSample(c, c * 100, c + sequence / 10f)).ToList(),
    };

    public static FrameToStore Gap(string deviceId, long sequence, long firstDropped, long lastDropped, int epoch = 1) => new()
    {
        DeviceId = deviceId,
        Epoch = epoch,
        KeyGeneration = epoch,
        Sequence = sequence,
        BootCounter = 3,
        TimeMicros = BaseTimeMicros + sequence * 1_000_000,
        TimeQuality = TimeQuality.Sntp,
        ReceivedAt = ReceivedAt,
        RawMessage = Raw(deviceId, epoch, sequence, "gap"),
        Kind = FrameKind.Gap,
        Gap = new GapDeclaration(firstDropped, lastDropped, (int)GapReason.OutboxOverflow),
    };

    public static List<FrameToStore> Range(string deviceId, long first, long last, int epoch = 1) =>
        Enumerable.Range(0, checked((int)(last - first + 1))).Select(i => Readings(deviceId, first + i, epoch)).ToList();
}
