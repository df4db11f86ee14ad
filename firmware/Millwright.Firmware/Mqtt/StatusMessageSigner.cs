using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Mqtt;

/// <summary>Signs the birth (online) and death (offline, the Will) status messages with the device key.</summary>
public sealed class StatusMessageSigner
{
    private readonly StatusMessage _status = new StatusMessage();
    private readonly SignedMessageWriter _writer;
    private readonly IStatusSource _source;
    private readonly string _deviceId;

    public StatusMessageSigner(DeviceKeys keys, string deviceId, IStatusSource source)
    {
        _writer = new SignedMessageWriter(keys.DeviceMessageKey, keys.KeyId);
        _deviceId = deviceId;
        _source = source;
        Buffer = new byte[ProtocolLimits.MaxMessageBytes];
    }

    /// <summary>Holds the message the last <see cref="Write"/> signed.</summary>
    public byte[] Buffer { get; private set; }

    /// <summary>Fills, signs and writes a status into <see cref="Buffer"/>; returns its length.</summary>
    public int Write(bool online)
    {
        _source.FillStatus(_status);
        _status.DeviceId = _deviceId;
        _status.Online = online;
        return _writer.WriteStatus(_status, Buffer, 0);
    }

    /// <summary>A signed status in an array of its own length: the link keeps the Will for the whole connection.</summary>
    public byte[] WriteCopy(bool online)
    {
        int length = Write(online);
        var copy = new byte[length];
        System.Array.Copy(Buffer, 0, copy, 0, length);
        return copy;
    }
}
