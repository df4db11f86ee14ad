using Millwright.Protocol.Text;

namespace Millwright.Firmware.Esp32.Network;

/// <summary>
/// M2Mqtt 5.1 takes the Will message as a string and sends Encoding.UTF8.GetBytes of it (MqttMsgConnect), so a Will
/// payload reaches the broker unchanged only if it is well-formed UTF-8; to stay clear of surrogate pairs, only
/// characters of the Basic Multilingual Plane are accepted.
/// </summary>
public static class MqttWillText
{
    /// <summary>The string M2Mqtt turns back into exactly these bytes, or null when there is none.</summary>
    public static string From(byte[] payload)
    {
        if (payload == null)
        {
            return null;
        }

        for (int i = 0; i < payload.Length; i++)
        {
            if (payload[i] >= 0xF0)
            {
                return null;
            }
        }

        int chars = Utf8.GetCharCount(payload, 0, payload.Length);
        return chars < 0 ? null : Utf8.Decode(payload, 0, payload.Length, chars);
    }
}
