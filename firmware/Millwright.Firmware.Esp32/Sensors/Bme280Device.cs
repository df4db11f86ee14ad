using System.Threading;

namespace Millwright.Firmware.Esp32.Sensors;

/// <summary>
/// One BME280 shared by its temperature, humidity and pressure channels. It runs in normal mode (×1 oversampling,
/// filter off, a new measurement every ~135 ms), so a read never waits for a conversion: each read takes the latest
/// burst of data registers and compensates it. The chip is set up on first use and again after any bus failure, which
/// is how a sensor that was missing or reset comes back.
/// </summary>
public sealed class Bme280Device
{
    public const int Temperature = 0;
    public const int Humidity = 1;
    public const int Pressure = 2;

    private const byte RegisterChipId = 0xD0;
    private const byte RegisterReset = 0xE0;
    private const byte RegisterStatus = 0xF3;
    private const byte RegisterCtrlHum = 0xF2;
    private const byte RegisterCtrlMeas = 0xF4;
    private const byte RegisterConfig = 0xF5;
    private const byte RegisterData = 0xF7;
    private const byte RegisterCalibrationOne = 0x88;
    private const byte RegisterCalibrationTwo = 0xE1;
    private const byte ChipId = 0x60;
    private const byte ResetCommand = 0xB6;
    private const byte HumidityX1 = 0x01;
    private const byte StandbyMs125FilterOff = 0x40; // t_sb = 010, filter = 000
    private const byte TemperatureX1PressureX1Normal = 0x27; // osrs_t = 001, osrs_p = 001, mode = 11
    private const int Skipped20Bit = 0x80000;
    private const int Skipped16Bit = 0x8000;

    private readonly IBme280Bus _bus;
    private readonly Bme280Compensation _compensation = new Bme280Compensation();
    private readonly byte[] _one = new byte[1];
    private readonly byte[] _data = new byte[8];
    private readonly byte[] _blockOne = new byte[Bme280Compensation.BlockOneLength];
    private readonly byte[] _blockTwo = new byte[Bme280Compensation.BlockTwoLength];
    private bool _ready;

    public Bme280Device(IBme280Bus bus)
    {
        _bus = bus;
    }

    /// <summary>One compensated quantity (°C, %RH or hPa). False when the chip cannot be read or has no sample yet.</summary>
    public bool TryRead(int quantity, out float value)
    {
        value = 0f;
        if (!_ready && !Setup())
        {
            return false;
        }

        if (!_bus.ReadRegisters(RegisterData, _data, _data.Length))
        {
            _ready = false;
            return false;
        }

        int adcP = (_data[0] << 12) | (_data[1] << 4) | (_data[2] >> 4);
        int adcT = (_data[3] << 12) | (_data[4] << 4) | (_data[5] >> 4);
        int adcH = (_data[6] << 8) | _data[7];
        if (adcT == Skipped20Bit)
        {
            return false;
        }

        float fine;
        float celsius = _compensation.Temperature(adcT, out fine);
        if (quantity == Temperature)
        {
            value = celsius;
            return true;
        }

        if (quantity == Humidity)
        {
            value = _compensation.Humidity(adcH, fine);
            return adcH != Skipped16Bit;
        }

        float pascal = _compensation.Pressure(adcP, fine);
        value = pascal / 100.0f;
        return adcP != Skipped20Bit && !float.IsNaN(pascal);
    }

    private bool Setup()
    {
        if (!_bus.ReadRegisters(RegisterChipId, _one, 1) || _one[0] != ChipId ||
            !_bus.WriteRegister(RegisterReset, ResetCommand))
        {
            return false;
        }

        // The reset copies the trimming from NVM (datasheet: 2 ms start-up); status bit 0 is set while it runs.
        for (int attempt = 0; ; attempt++)
        {
            Thread.Sleep(2);
            if (_bus.ReadRegisters(RegisterStatus, _one, 1) && (_one[0] & 0x01) == 0)
            {
                break;
            }

            if (attempt == 5)
            {
                return false;
            }
        }

        if (!_bus.ReadRegisters(RegisterCalibrationOne, _blockOne, _blockOne.Length) ||
            !_bus.ReadRegisters(RegisterCalibrationTwo, _blockTwo, _blockTwo.Length))
        {
            return false;
        }

        _compensation.Load(_blockOne, _blockTwo);

        // ctrl_hum takes effect only after a write to ctrl_meas; config is written while the chip still sleeps.
        _ready = _bus.WriteRegister(RegisterCtrlHum, HumidityX1) &&
            _bus.WriteRegister(RegisterConfig, StandbyMs125FilterOff) &&
            _bus.WriteRegister(RegisterCtrlMeas, TemperatureX1PressureX1Normal);
        return _ready;
    }
}
