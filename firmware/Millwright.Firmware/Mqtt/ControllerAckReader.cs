using Millwright.Protocol;
using Millwright.Protocol.Cbor;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Mqtt;

/// <summary>
/// Accepts an ack only if it is a COSE_Mac0 signed with the controller-direction key of this device (so neither a
/// forged ack nor one of our own frames replayed back can free the outbox), its payload is an ack, and it names
/// this device.
/// </summary>
public sealed class ControllerAckReader
{
    private readonly MessageVerifier _verifier;
    private readonly CborReader _reader = new CborReader(new byte[0]);
    private readonly Ack _ack = new Ack();
    private readonly string _deviceId;

    public ControllerAckReader(byte[] controllerMessageKey, byte[] keyId, string deviceId)
    {
        _verifier = new MessageVerifier(controllerMessageKey, keyId);
        _deviceId = deviceId;
    }

    /// <summary>Of the last ack <see cref="TryRead"/> accepted.</summary>
    public ulong AckedSequence { get; private set; }

    /// <summary>Of the last ack <see cref="TryRead"/> accepted.</summary>
    public long ControllerTimeMicros { get; private set; }

    /// <summary>Returns whether <paramref name="message"/> is a valid ack for this device.</summary>
    public bool TryRead(byte[] message)
    {
        if (message == null)
        {
            return false;
        }

        try
        {
            if (_verifier.Verify(message, 0, message.Length) != MessageType.Ack)
            {
                return false;
            }

            _reader.Reset(message, _verifier.Message.PayloadOffset, _verifier.Message.PayloadLength);
            AckCodec.DecodeInto(_reader, _ack);
            _reader.Finish();
        }
        catch (ProtocolException)
        {
            return false;
        }

        if (_ack.DeviceId != _deviceId)
        {
            return false;
        }

        AckedSequence = _ack.AckedSequence;
        ControllerTimeMicros = _ack.ControllerTimeMicros;
        return true;
    }
}
