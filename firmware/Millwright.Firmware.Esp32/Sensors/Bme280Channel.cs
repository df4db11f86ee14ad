using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Esp32.Sensors;

/// <summary>One BME280 output as a <see cref="ISensorChannel"/>, with the channel's calibration trim applied.</summary>
public sealed class Bme280Channel : ISensorChannel
{
    private readonly Bme280Device _device;
    private readonly int _quantity;
    private readonly ChannelWiring _wiring;

    public Bme280Channel(Bme280Device device, ChannelWiring wiring)
    {
        _device = device;
        _wiring = wiring;
        _quantity = QuantityOf(wiring.Quantity);
    }

    public bool TryRead(out float value)
    {
        float raw;
        bool ok = _device.TryRead(_quantity, out raw);
        value = ok ? _wiring.Calibrate(raw) : 0f;
        return ok;
    }

    /// <summary>The BME280 output a board file's quantity names.</summary>
    public static int QuantityOf(string quantity)
    {
        switch (quantity)
        {
            case "temperature": return Bme280Device.Temperature;
            case "humidity": return Bme280Device.Humidity;
            case "pressure": return Bme280Device.Pressure;
            default: throw new System.ArgumentException("a BME280 measures temperature, humidity or pressure, not " + quantity);
        }
    }
}
