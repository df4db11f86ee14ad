using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;

namespace Millwright.Hardware.Virtual.Machine;

/// <summary>
/// One sensor channel reading the simulated machine, as a driver of the ESP32 binding does: it gets the raw reading —
/// the volts at the pin for an ADC channel, the compensated value for a BME280 — and returns it calibrated
/// (<see cref="ChannelWiring.Calibrate"/>). The raw reading is the machine's value plus sensor noise taken through the
/// calibration backwards (<see cref="ChannelWiring.Uncalibrate"/>); ADC readings are clipped to the input range and
/// quantised to 12 bits first, as on the ESP32, so a board file's calibration shapes what the controller sees.
/// The accelerometer reads the vibration at a random phase, as samples taken at the channel's period do on a machine
/// turning at 25 Hz; noise comes from the channel's own random source, so reading a sensor never changes the machine.
/// </summary>
internal sealed class SimulatedSensorChannel : ISensorChannel
{
    /// <summary>Highest voltage the ESP32 ADC reads at 12 dB attenuation (ESP-IDF: about 3.1 V).</summary>
    public const double AdcFullScaleVolts = 3.1;

    private const double AdcStepVolts = 3.3 / 4096;

    private readonly SimulatedMachine _machine;
    private readonly ChannelWiring _wiring;
    private readonly SensorKind _kind;
    private readonly IWorldTime _time;
    private readonly Random _noise;
    private readonly Func<MachineReading, double> _quantity;
    private readonly double _sigma;
    private readonly bool _oscillating;

    private SimulatedSensorChannel(
        SimulatedMachine machine, ChannelWiring wiring, SensorKind kind, IWorldTime time, int seed, Func<MachineReading, double> quantity, double sigma, bool oscillating)
    {
        _machine = machine;
        _wiring = wiring;
        _kind = kind;
        _time = time;
        _noise = new Random(seed);
        _quantity = quantity;
        _sigma = sigma;
        _oscillating = oscillating;
    }

    /// <summary>The last value read, in the channel's unit (after calibration), for tests and the status line.</summary>
    public double LastValue { get; private set; } = double.NaN;

    /// <summary>The simulated channel for the wiring's quantity, or null when the machine has no such quantity.</summary>
    public static SimulatedSensorChannel? Create(SimulatedMachine machine, SensorWiring sensor, ChannelWiring wiring, IWorldTime time, int seed)
    {
        MachineParameters p = machine.Parameters;
        int channelSeed = unchecked((seed * 397) ^ (wiring.ChannelId * 7919) ^ 0x5EED);
        return wiring.Quantity switch
        {
            "temperature" => new(machine, wiring, sensor.Kind, time, channelSeed, r => r.TemperatureC, p.TemperatureNoiseC, false),
            "humidity" => new(machine, wiring, sensor.Kind, time, channelSeed, r => r.HumidityPercent, p.HumidityNoisePercent, false),
            "pressure" => new(machine, wiring, sensor.Kind, time, channelSeed, r => r.PressureHpa, p.PressureNoiseHpa, false),
            "acceleration" => new(machine, wiring, sensor.Kind, time, channelSeed, r => r.VibrationAmplitudeG, p.VibrationNoiseG, true),
            "current" => new(machine, wiring, sensor.Kind, time, channelSeed, r => r.CurrentA, p.CurrentNoiseA, false),
            "voltage" => new(machine, wiring, sensor.Kind, time, channelSeed, r => r.SupplyVoltageV, p.VoltageNoiseV, false),
            _ => null,
        };
    }

    public bool TryRead(out float value)
    {
        MachineReading reading = _machine.ReadAt(_time.WorldMicros);
        double truth = _quantity(reading);
        if (_oscillating)
        {
            truth *= Math.Sin(2 * Math.PI * _noise.NextDouble());
        }

        double measured = truth + (_sigma * Gaussian());
        double raw = _wiring.Uncalibrate((float)measured);
        if (_kind == SensorKind.Adc)
        {
            raw = Math.Round(Math.Clamp(raw, 0, AdcFullScaleVolts) / AdcStepVolts) * AdcStepVolts;
        }

        value = _wiring.Calibrate((float)raw);
        LastValue = value;
        return true;
    }

    private double Gaussian()
    {
        double u1 = 1.0 - _noise.NextDouble();
        double u2 = _noise.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
