using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Demo;

/// <summary>
/// A stand-in for a sensor node inside the demo: it signs frames with the protocol library exactly as the firmware
/// does (six channels: temperature, humidity, pressure, vibration, motor current, speed).
/// </summary>
internal sealed class SimulatedNode
{
    private readonly Random _random;
    private readonly SignedMessageWriter _writer;
    private readonly Frame _frame = new(6);
    private readonly byte[] _buffer = new byte[ProtocolLimits.MaxMessageBytes];
    private ulong _sequence;

    internal SimulatedNode(string deviceId, byte[] secret, Random random)
    {
        DeviceId = deviceId;
        Secret = secret;
        Keys = new DeviceKeys(secret);
        _random = random;
        _writer = new SignedMessageWriter(Keys.DeviceMessageKey, Keys.KeyId);
    }

    internal string DeviceId { get; }

    internal byte[] Secret { get; }

    internal DeviceKeys Keys { get; }

    internal byte[] NextSignedFrame(long timeMicros)
    {
        _frame.DeviceId = DeviceId;
        _frame.BootCounter = 1;
        _frame.Sequence = ++_sequence;
        _frame.TimeMicros = timeMicros;
        _frame.TimeQuality = TimeQuality.Sntp;
        _frame.ClearSamples();
        _frame.AddSample(1, 0, 21.5f + (float)_random.NextDouble());
        _frame.AddSample(2, 0, 40f + (float)(_random.NextDouble() * 5));
        _frame.AddSample(3, 0, 1013.25f);
        _frame.AddSample(4, -500, 0.8f + (float)(_random.NextDouble() * 0.1));
        _frame.AddSample(5, -500, 4.2f + (float)(_random.NextDouble() * 0.3));
        _frame.AddSample(6, 0, 1450f);
        int length = _writer.WriteFrame(_frame, _buffer, 0);
        return _buffer.AsSpan(0, length).ToArray();
    }
}
