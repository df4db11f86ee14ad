using System;
using System.Device.Spi;

namespace Millwright.Firmware.Esp32.Sensors;

/// <summary>
/// BME280 registers over 4-wire SPI, mode 0: the first byte is the register with bit 7 set to read, clear to write
/// (datasheet §6.3); a read returns the registers from the second byte on.
/// </summary>
public sealed class Bme280SpiBus : IBme280Bus
{
    private const int MaxRead = 32;

    private readonly SpiDevice _device;
    private readonly byte[] _out = new byte[MaxRead + 1];
    private readonly byte[] _in = new byte[MaxRead + 1];
    private readonly byte[] _write = new byte[2];

    public Bme280SpiBus(int busId, int chipSelectPin, int frequencyHz)
    {
        SpiConnectionSettings settings = new SpiConnectionSettings(busId, chipSelectPin);
        settings.Mode = SpiMode.Mode0;
        settings.ClockFrequency = frequencyHz;
        settings.DataBitLength = 8;
        _device = SpiDevice.Create(settings);
    }

    public bool ReadRegisters(byte register, byte[] buffer, int count)
    {
        if (count > MaxRead)
        {
            return false;
        }

        _out[0] = (byte)(register | 0x80);
        for (int i = 1; i <= count; i++)
        {
            _out[i] = 0;
        }

        try
        {
            _device.TransferFullDuplex(new SpanByte(_out, 0, count + 1), new SpanByte(_in, 0, count + 1));
            Array.Copy(_in, 1, buffer, 0, count);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public bool WriteRegister(byte register, byte value)
    {
        _write[0] = (byte)(register & 0x7F);
        _write[1] = value;
        try
        {
            _device.Write(new SpanByte(_write));
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
