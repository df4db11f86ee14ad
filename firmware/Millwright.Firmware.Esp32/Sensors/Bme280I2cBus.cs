using System;
using System.Device.I2c;

namespace Millwright.Firmware.Esp32.Sensors;

/// <summary>BME280 registers over I2C: a register address write, then a read of consecutive registers.</summary>
public sealed class Bme280I2cBus : IBme280Bus
{
    private readonly I2cDevice _device;
    private readonly byte[] _address = new byte[1];
    private readonly byte[] _write = new byte[2];

    public Bme280I2cBus(int busId, int address, int frequencyHz)
    {
        I2cBusSpeed speed = frequencyHz <= 100000 ? I2cBusSpeed.StandardMode : I2cBusSpeed.FastMode;
        _device = I2cDevice.Create(new I2cConnectionSettings(busId, address, speed));
    }

    public bool ReadRegisters(byte register, byte[] buffer, int count)
    {
        _address[0] = register;
        try
        {
            I2cTransferResult result = _device.WriteRead(new SpanByte(_address), new SpanByte(buffer, 0, count));
            return result.Status == I2cTransferStatus.FullTransfer;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public bool WriteRegister(byte register, byte value)
    {
        _write[0] = register;
        _write[1] = value;
        try
        {
            return _device.Write(new SpanByte(_write)).Status == I2cTransferStatus.FullTransfer;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
