using Millwright.Controller.Storage.Records;
using Millwright.Controller.Tests.Infrastructure;

namespace Millwright.Controller.Tests.BadInput;

/// <summary>
/// Makes the bad messages an authorized but hostile (or broken) device can publish on its own frames topic — the
/// embedded broker's ACL and logins keep it off every other topic, so this is all it can do. Each kind has one
/// expected quarantine reason; the random parts (lengths, cut points) come from a seeded generator.
/// </summary>
internal sealed class BadMessageFactory(TestDevice mallory, TestDevice victim, DateTimeOffset now, int seed)
{
    /// <summary>Replays reuse these sequence numbers, which mallory must have stored (with other bytes) first.</summary>
    internal const int ReplayableSequences = 500;

    private readonly Random _random = new(seed);
    private long _nextFreshSequence = 1_000_000;

    internal static readonly string[] Kinds =
    [
        "garbage", "bare-cbor", "wrong-cose-tag", "trailing-bytes", "truncated", "oversize", "wrong-key", "replay",
        "cross-device-frame", "cross-device-payload", "clock-skew",
    ];

    /// <summary>Mallory's own valid frames 1..<see cref="ReplayableSequences"/>, to be stored before any replay.</summary>
    internal IEnumerable<byte[]> Originals() => Enumerable.Range(1, ReplayableSequences).Select(seq => mallory.Frame(seq, now));

    /// <summary><paramref name="perKind"/> messages of every kind, shuffled.</summary>
    internal List<BadMessage> Mixed(int perKind, int oversizeMaxBytes)
    {
        var messages = new List<BadMessage>();
        foreach (string kind in Kinds)
        {
            for (int i = 0; i < perKind; i++)
            {
                messages.Add(Make(kind, i, oversizeMaxBytes));
            }
        }

        return [.. messages.OrderBy(_ => _random.Next())];
    }

    internal BadMessage Make(string kind, int index, int oversizeMaxBytes) => kind switch
    {
        // 0xff is a "break" outside an indefinite-length item: not CBOR of the subset at all.
        "garbage" => new(kind, Enumerable.Repeat((byte)0xff, _random.Next(1, 200)).ToArray(), QuarantineReason.BadCbor),
        "bare-cbor" => new(kind, TestDevice.BareCborMap(), QuarantineReason.BadCose),
        "wrong-cose-tag" => new(kind, WithFirstByte(Fresh(), 0xd0), QuarantineReason.BadCose),
        "trailing-bytes" => new(kind, [.. Fresh(), .. RandomBytes(_random.Next(1, 16))], QuarantineReason.BadCbor),
        "truncated" => new(kind, Truncated(Fresh()), QuarantineReason.BadCbor),
        "oversize" => new(kind, RandomBytes(_random.Next(2049, oversizeMaxBytes + 1)), QuarantineReason.Oversize),
        "wrong-key" => new(kind, mallory.ForgedFrame(NextFresh(), now), QuarantineReason.BadMac),
        // Same (device, sequence) as a stored frame, other bytes: never acked as a duplicate.
        "replay" => new(kind, mallory.Frame((index % ReplayableSequences) + 1, now.AddMilliseconds(1 + (index / ReplayableSequences))), QuarantineReason.Replay),
        // The victim's authentic frame on mallory's topic: its key id names none of mallory's keys.
        "cross-device-frame" => new(kind, victim.Frame(index + 1, now), QuarantineReason.UnknownKey),
        // Mallory's own key, but the payload claims to be the victim.
        "cross-device-payload" => new(kind, mallory.Frame(NextFresh(), now, payloadDeviceId: victim.DeviceId), QuarantineReason.TopicMismatch),
        "clock-skew" => new(kind, mallory.Frame(NextFresh(), now.AddHours(1)), QuarantineReason.ClockSkew),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
    };

    private byte[] Fresh() => mallory.Frame(NextFresh(), now);

    private long NextFresh() => _nextFreshSequence++;

    private byte[] Truncated(byte[] frame) => frame[.._random.Next(1, frame.Length)];

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] WithFirstByte(byte[] message, byte first)
    {
        message[0] = first;
        return message;
    }
}
