using Millwright.Protocol.Cbor;
using Millwright.Protocol.Messages;

namespace Millwright.Controller.Mqtt;

/// <summary>The retained controller state payload (protocol §9): unsigned {1: 7, 5: time µs, 19: online}.</summary>
public static class ControllerStateMessage
{
    public static byte[] Encode(bool online, DateTimeOffset now)
    {
        var buffer = new byte[32];
        var writer = new CborWriter(buffer);
        ControllerStateCodec.Encode(online, (now - DateTimeOffset.UnixEpoch).Ticks / 10, writer);
        return buffer.AsSpan(0, writer.Length).ToArray();
    }
}
