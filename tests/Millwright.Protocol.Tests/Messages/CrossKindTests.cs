using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Protocol.Tests.Messages;

/// <summary>
/// A valid signed message of one kind is never accepted as another: the direction is bound by the key (device
/// messages and controller messages have separate derived keys), the kind by the type field every decoder checks,
/// and the device by its own secret.
/// </summary>
public class CrossKindTests
{
    public static TheoryData<MessageType> SignedTypes() => new(TestDevice.SignedTypes);

    [Theory]
    [MemberData(nameof(SignedTypes))]
    public void SignedMessageIsAcceptedOnlyAsItsOwnKindInItsOwnDirection(MessageType sent)
    {
        byte[] signed = TestDevice.Signed(sent);
        var verifiers = new (string Side, MessageVerifier Verifier, bool ExpectsDeviceMessages)[]
        {
            ("controller", TestDevice.ControllerSideVerifier(), true),
            ("device", TestDevice.DeviceSideVerifier(), false),
        };

        foreach ((string side, MessageVerifier verifier, bool expectsDeviceMessages) in verifiers)
        {
            if (expectsDeviceMessages != TestDevice.IsFromDevice(sent))
            {
                Assert.Equal(ProtocolError.CoseBadMac, Assert.Throws<ProtocolException>(() => verifier.Verify(signed, 0, signed.Length)).Error);
                continue;
            }

            Assert.Equal(sent, verifier.Verify(signed, 0, signed.Length));
            foreach (MessageType decodedAs in TestDevice.AllTypes)
            {
                if (decodedAs == sent)
                {
                    TestDevice.Decode(decodedAs, signed, verifier.Message.PayloadOffset, verifier.Message.PayloadLength);
                    continue;
                }

                ProtocolException error = Assert.Throws<ProtocolException>(
                    () => TestDevice.Decode(decodedAs, signed, verifier.Message.PayloadOffset, verifier.Message.PayloadLength));
                Assert.True(error.Error == ProtocolError.MessageWrongType, $"{sent} verified on the {side} side decoded as {decodedAs}: {error.Error}");
            }
        }
    }

    [Fact]
    public void SignedAckIsNeverACommand()
    {
        byte[] ack = TestDevice.Signed(MessageType.Ack);
        var verifier = TestDevice.DeviceSideVerifier();
        Assert.Equal(MessageType.Ack, verifier.Verify(ack, 0, ack.Length));
        Assert.Equal(
            ProtocolError.MessageWrongType,
            Assert.Throws<ProtocolException>(() => CommandCodec.Decode(ack, verifier.Message.PayloadOffset, verifier.Message.PayloadLength)).Error);
    }

    [Fact]
    public void CommandResultIsNeverACommandEvenWithTheSameIdAndActuator()
    {
        // A device echoes the command id, actuator and value in its result; signed with the device key it cannot
        // pass the device-side verifier, and its type keeps it from the command decoder on any side.
        byte[] result = TestDevice.Signed(MessageType.CommandResult);
        Assert.Equal(ProtocolError.CoseBadMac, Assert.Throws<ProtocolException>(() => TestDevice.DeviceSideVerifier().Verify(result, 0, result.Length)).Error);
    }

    [Theory]
    [MemberData(nameof(SignedTypes))]
    public void AnotherDevicesMessageDoesNotVerify(MessageType sent)
    {
        byte[] signed = TestDevice.Signed(sent);
        DeviceKeys other = TestDevice.OtherKeys;
        byte[] otherKey = TestDevice.IsFromDevice(sent) ? other.DeviceMessageKey : other.ControllerMessageKey;

        // With the other device's key id, the key id check fails first; with ours but their key, the MAC fails.
        Assert.Equal(ProtocolError.CoseUnknownKeyId, Assert.Throws<ProtocolException>(() => new MessageVerifier(otherKey, other.KeyId).Verify(signed, 0, signed.Length)).Error);
        Assert.Equal(ProtocolError.CoseBadMac, Assert.Throws<ProtocolException>(() => new MessageVerifier(otherKey, TestDevice.Keys.KeyId).Verify(signed, 0, signed.Length)).Error);
    }

    [Fact]
    public void NoMessageVerifiesUnderTheMqttPasswordOrConsoleKeys()
    {
        byte[] secret = TestDevice.Secret();
        byte[][] otherPurposeKeys =
        [
            KeyDerivation.Derive(secret, KeyPurpose.MqttPassword),
            KeyDerivation.Derive(secret, KeyPurpose.KeyId),
            KeyDerivation.Derive(secret, KeyPurpose.ConsoleProof),
            secret,
        ];
        foreach (MessageType type in TestDevice.SignedTypes)
        {
            byte[] signed = TestDevice.Signed(type);
            foreach (byte[] key in otherPurposeKeys)
            {
                Assert.Equal(ProtocolError.CoseBadMac, Assert.Throws<ProtocolException>(() => new MessageVerifier(key, TestDevice.Keys.KeyId).Verify(signed, 0, signed.Length)).Error);
            }
        }
    }
}
