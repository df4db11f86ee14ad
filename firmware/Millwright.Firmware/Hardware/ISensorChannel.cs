namespace Millwright.Firmware.Hardware;

/// <summary>
/// One measured quantity, already converted to engineering units (calibration applied by the driver).
/// A driver with several quantities (BME280: temperature, humidity, pressure) exposes one channel each.
/// </summary>
public interface ISensorChannel
{
    /// <summary>Reads one raw sample. Returns false (never throws) when the sensor cannot be read.</summary>
    bool TryRead(out float value);
}
