using Millwright.Protocol;
using Millwright.Protocol.Cbor;

namespace Millwright.Firmware.Settings;

/// <summary>
/// The settings record: a deterministic CBOR map {1: format, 2: device id, 3: plant id, 4: Wi-Fi SSID, 5: Wi-Fi
/// password, 6: broker host, 7: broker port, 8: broker TLS, 9: sample period ms} followed by the CRC-32 of the
/// map, big-endian. A record that fails the CRC, the CBOR rules, the format version or the settings rules is
/// refused as a whole: a damaged file can never yield a half-right configuration.
/// </summary>
public static class SettingsCodec
{
    public const int FormatVersion = 1;

    /// <summary>Largest record: the longest values (32 + 32 + 32 + 64 + 253 bytes) plus CBOR overhead and CRC fit well inside.</summary>
    public const int MaxRecordBytes = 1024;

    private const int KeyFormat = 1;
    private const int KeyDeviceId = 2;
    private const int KeyPlantId = 3;
    private const int KeySsid = 4;
    private const int KeyPassword = 5;
    private const int KeyHost = 6;
    private const int KeyPort = 7;
    private const int KeyTls = 8;
    private const int KeyPeriod = 9;

    /// <summary>Writes the record into <paramref name="buffer"/> (at least <see cref="MaxRecordBytes"/>); returns its length.</summary>
    public static int Encode(DeviceSettings settings, byte[] buffer)
    {
        var writer = new CborWriter(buffer);
        writer.WriteMapHeader(9);
        writer.WriteInt32(KeyFormat);
        writer.WriteInt32(FormatVersion);
        writer.WriteInt32(KeyDeviceId);
        writer.WriteTextString(settings.DeviceId);
        writer.WriteInt32(KeyPlantId);
        writer.WriteTextString(settings.PlantId);
        writer.WriteInt32(KeySsid);
        writer.WriteTextString(settings.WifiSsid);
        writer.WriteInt32(KeyPassword);
        writer.WriteTextString(settings.WifiPassword);
        writer.WriteInt32(KeyHost);
        writer.WriteTextString(settings.BrokerHost);
        writer.WriteInt32(KeyPort);
        writer.WriteInt32(settings.BrokerPort);
        writer.WriteInt32(KeyTls);
        writer.WriteBoolean(settings.BrokerTls);
        writer.WriteInt32(KeyPeriod);
        writer.WriteInt32(settings.SamplePeriodMilliseconds);
        return Crc32.Append(buffer, 0, writer.Length);
    }

    /// <summary>Decodes a record; returns null and sets <paramref name="problem"/> when it is not a valid one.</summary>
    public static DeviceSettings Decode(byte[] data, int count, out string problem)
    {
        if (count < 5 || !Crc32.Check(data, 0, count))
        {
            problem = "settings record is damaged (CRC mismatch)";
            return null;
        }

        var settings = new DeviceSettings();
        try
        {
            problem = ReadMap(new CborReader(data, 0, count - 4), settings);
        }
        catch (ProtocolException e)
        {
            problem = "settings record is not valid CBOR: " + e.Message;
        }

        if (problem == null)
        {
            problem = SettingsValidator.Check(settings);
        }

        return problem == null ? settings : null;
    }

    private static string ReadMap(CborReader reader, DeviceSettings settings)
    {
        if (reader.PeekType() != CborType.Map)
        {
            return "settings record is not a map";
        }

        int pairs = reader.ReadMapHeader();
        int seen = 0;
        for (int i = 0; i < pairs; i++)
        {
            int key = reader.ReadInt32();
            switch (key)
            {
                case KeyFormat:
                    int format = reader.ReadInt32();
                    if (format != FormatVersion)
                    {
                        return "settings format " + format.ToString() + " is not supported by firmware " + FirmwareInfo.Version;
                    }

                    break;
                case KeyDeviceId: settings.DeviceId = reader.ReadTextString(); break;
                case KeyPlantId: settings.PlantId = reader.ReadTextString(); break;
                case KeySsid: settings.WifiSsid = reader.ReadTextString(); break;
                case KeyPassword: settings.WifiPassword = reader.ReadTextString(); break;
                case KeyHost: settings.BrokerHost = reader.ReadTextString(); break;
                case KeyPort: settings.BrokerPort = reader.ReadInt32(); break;
                case KeyTls: settings.BrokerTls = reader.ReadBoolean(); break;
                case KeyPeriod: settings.SamplePeriodMilliseconds = reader.ReadInt32(); break;
                default: reader.SkipValue(); break;
            }

            if (key >= KeyFormat && key <= KeyPeriod)
            {
                seen |= 1 << key;
            }
        }

        reader.Finish();
        const int All = 0x3FE;
        return seen == All ? null : "settings record lacks a field";
    }
}
