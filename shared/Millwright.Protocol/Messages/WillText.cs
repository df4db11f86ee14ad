using Millwright.Protocol.Text;

namespace Millwright.Protocol.Messages;

/// <summary>
/// The death status as an MQTT Will travels as text: the signed COSE_Mac0 bytes in base64 (RFC 4648 §4, ASCII),
/// because nanoFramework.M2Mqtt 5.1 accepts a Will only as a string. Receivers of a status topic accept both
/// forms: binary COSE_Mac0 (a birth) and base64 text (a Will). The signature is the same either way.
/// </summary>
public static class WillText
{
    /// <summary>ASCII base64 of the signed message.</summary>
    public static byte[] Encode(byte[] signed, int offset, int count)
    {
        var copy = new byte[count];
        System.Array.Copy(signed, offset, copy, 0, count);
        return Ascii.GetBytes(System.Convert.ToBase64String(copy));
    }

    /// <summary>
    /// The signed bytes of a status payload: the payload itself when it is binary COSE (starts with a CBOR tag or
    /// array), or the base64-decoded text otherwise. Throws <see cref="ProtocolException"/> when it is neither.
    /// </summary>
    public static byte[] ToSigned(byte[] payload)
    {
        if (payload == null || payload.Length == 0)
        {
            throw new ProtocolException(ProtocolError.CoseMalformed, "status payload is empty");
        }

        // 0xd1 = tag 17 (COSE_Mac0), 0x84 = untagged array of four; neither is a base64 character.
        if (payload[0] == 0xd1 || payload[0] == 0x84)
        {
            return payload;
        }

        if (payload.Length > ProtocolLimits.MaxMessageBytes * 2)
        {
            throw new ProtocolException(ProtocolError.MessageTooLarge, "status payload too large");
        }

        var chars = new char[payload.Length];
        for (int i = 0; i < payload.Length; i++)
        {
            byte b = payload[i];
            bool base64 = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/' || b == '=';
            if (!base64)
            {
                throw new ProtocolException(ProtocolError.CoseMalformed, "status payload is neither COSE nor base64 text");
            }

            chars[i] = (char)b;
        }

        try
        {
            return System.Convert.FromBase64String(new string(chars));
        }
        catch (System.FormatException)
        {
            throw new ProtocolException(ProtocolError.CoseMalformed, "status payload is not valid base64");
        }
    }
}
