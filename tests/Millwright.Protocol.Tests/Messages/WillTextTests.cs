using Millwright.Protocol.Keys;
using Millwright.Protocol.Messages;

namespace Millwright.Protocol.Tests.Messages;

public class WillTextTests
{
    [Fact]
    public void ASignedStatusSurvivesTheTextFormAndStillVerifies()
    {
        var keys = new DeviceKeys(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var status = new StatusMessage { DeviceId = "press-01", FirmwareVersion = "0.1.0", Board = "virtual" };
        var buffer = new byte[ProtocolLimits.MaxMessageBytes];
        int length = new SignedMessageWriter(keys.DeviceMessageKey, keys.KeyId).WriteStatus(status, buffer, 0);

        byte[] text = WillText.Encode(buffer, 0, length);
        Assert.All(text, b => Assert.InRange(b, (byte)0x21, (byte)0x7e));

        byte[] signed = WillText.ToSigned(text);
        Assert.Equal(buffer.AsSpan(0, length).ToArray(), signed);
        Assert.Equal(MessageType.Status, new MessageVerifier(keys.DeviceMessageKey, keys.KeyId).Verify(signed, 0, signed.Length));
        Assert.Same(signed, WillText.ToSigned(signed));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x00, 0x01 })]
    [InlineData(new byte[] { (byte)'a', (byte)'b', (byte)'c' })]
    [InlineData(new byte[] { (byte)'Q', (byte)'U', (byte)'J', (byte)'D', (byte)' ' })]
    public void AnythingElseIsRefusedWithAProtocolException(byte[] payload)
    {
        Assert.Throws<ProtocolException>(() => WillText.ToSigned(payload));
    }
}
