using Millwright.Protocol.Messages;

namespace Millwright.Controller.Proofs.Verification;

/// <summary>What a signed frame's bytes say (read without its key): kind, device, sequence, time, key id.</summary>
internal sealed record SignedFrameContent(MessageType Type, string DeviceId, ulong Sequence, uint BootCounter, long TimeMicros, int SampleCount, string KeyId)
{
    public string Describe()
    {
        string what = Type == MessageType.Gap ? "gap record" : $"readings frame with {SampleCount} samples";
        string time = DateTimeOffset.UnixEpoch.AddTicks(TimeMicros * 10).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return $"{what} of {DeviceId}, sequence {Sequence}, boot {BootCounter}, time {time}, key id {KeyId}";
    }
}
