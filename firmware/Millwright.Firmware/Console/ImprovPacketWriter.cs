using Millwright.Protocol.Text;

namespace Millwright.Firmware.Console;

/// <summary>
/// Builds device-to-client Improv Wi-Fi serial packets (https://www.improv-wifi.com/serial/, as improv-wifi/sdk-cpp
/// and ESPHome's improv_serial send them): "IMPROV", version 1, type, data length, data, checksum (the sum of every
/// preceding byte, mod 256), then LF so line-oriented readers resynchronise.
/// </summary>
public sealed class ImprovPacketWriter
{
    public const byte Version = 1;
    public const byte TypeCurrentState = 0x01;
    public const byte TypeErrorState = 0x02;
    public const byte TypeRpc = 0x03;
    public const byte TypeRpcResult = 0x04;

    private const int HeaderLength = 9;

    private readonly byte[] _packet = new byte[HeaderLength + 255 + 2];
    private readonly ConsoleOutput _output;

    public ImprovPacketWriter(ConsoleOutput output)
    {
        _output = output;
    }

    public void SendState(byte state)
    {
        _packet[HeaderLength] = state;
        Send(TypeCurrentState, 1);
    }

    public void SendError(byte error)
    {
        _packet[HeaderLength] = error;
        Send(TypeErrorState, 1);
    }

    /// <summary>RPC result: the command it answers, the total length of the strings, then each string with its length.</summary>
    public void SendRpcResult(byte command, string[] strings)
    {
        int at = HeaderLength + 2;
        for (int i = 0; i < strings.Length; i++)
        {
            int length = Utf8.GetByteCount(strings[i]);
            if (length < 0 || length > 255 || at + 1 + length > HeaderLength + 255)
            {
                // Too long for one packet: cut the list here rather than send a malformed packet.
                break;
            }

            _packet[at] = (byte)length;
            Utf8.Encode(strings[i], _packet, at + 1);
            at += 1 + length;
        }

        _packet[HeaderLength] = command;
        _packet[HeaderLength + 1] = (byte)(at - HeaderLength - 2);
        Send(TypeRpcResult, at - HeaderLength);
    }

    /// <summary>The checksum of an Improv serial packet: the sum of its bytes before the checksum, mod 256.</summary>
    public static byte Checksum(byte[] data, int offset, int count)
    {
        int sum = 0;
        for (int i = offset; i < offset + count; i++)
        {
            sum += data[i];
        }

        return (byte)sum;
    }

    private void Send(byte type, int dataLength)
    {
        _packet[0] = (byte)'I';
        _packet[1] = (byte)'M';
        _packet[2] = (byte)'P';
        _packet[3] = (byte)'R';
        _packet[4] = (byte)'O';
        _packet[5] = (byte)'V';
        _packet[6] = Version;
        _packet[7] = type;
        _packet[8] = (byte)dataLength;
        int end = HeaderLength + dataLength;
        _packet[end] = Checksum(_packet, 0, end);
        _packet[end + 1] = (byte)'\n';
        _output.Raw(_packet, 0, end + 2);
    }
}
