namespace Millwright.Firmware.Esp32.Sensors;

/// <summary>How a <see cref="Bme280Device"/> reaches the chip's registers (I2C or 4-wire SPI). Never throws.</summary>
public interface IBme280Bus
{
    bool ReadRegisters(byte register, byte[] buffer, int count);

    bool WriteRegister(byte register, byte value);
}
