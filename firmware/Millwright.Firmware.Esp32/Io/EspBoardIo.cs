using System;
using System.Collections;
using System.Device.Adc;
using System.Device.Gpio;
using System.Diagnostics;
using Millwright.Firmware.Board;
using Millwright.Firmware.Esp32.Sensors;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Esp32.Io;

/// <summary>
/// <see cref="IBoardIo"/> built from the generated board wiring: routes the pins, opens the buses, and makes one reader
/// per channel and one output per actuator. A part that cannot be opened is left out (its component then fails) and
/// the reason is kept in <see cref="Problems"/> and written to the debugger.
/// </summary>
public sealed class EspBoardIo : IBoardIo
{
    private const float NativeAttenuationDb = 12f;

    private readonly ArrayList _sensorIds = new ArrayList();
    private readonly ArrayList _sensors = new ArrayList();
    private readonly ArrayList _actuatorIds = new ArrayList();
    private readonly ArrayList _actuators = new ArrayList();
    private readonly ArrayList _problems = new ArrayList();
    private readonly GpioController _gpio = new GpioController();
    private AdcController _adc;

    public EspBoardIo(BoardWiring wiring)
    {
        // Outputs first: they start low (off, unless active-low) and the command executor drives them safe at boot.
        int pwmIndex = 0;
        for (int i = 0; i < wiring.Actuators.Length; i++)
        {
            ActuatorWiring actuator = wiring.Actuators[i];
            try
            {
                if (actuator.Kind == ActuatorKind.Pwm)
                {
                    PinFunctions.RoutePwm(actuator.Pin, pwmIndex++);
                    Add(_actuatorIds, _actuators, actuator.ActuatorId, new PwmOutput(actuator.Pin, actuator.FrequencyHz));
                }
                else
                {
                    Add(_actuatorIds, _actuators, actuator.ActuatorId, new GpioOutput(_gpio, actuator.Pin, actuator.ActiveLow));
                }
            }
            catch (Exception e)
            {
                Problem("actuator " + actuator.ActuatorId.ToString() + " on pin " + actuator.Pin.ToString() + ": " + e.Message);
            }
        }

        for (int i = 0; i < wiring.Buses.Length; i++)
        {
            PinFunctions.RouteBus(wiring.Buses[i]);
        }

        for (int i = 0; i < wiring.Sensors.Length; i++)
        {
            try
            {
                AddSensor(wiring, wiring.Sensors[i]);
            }
            catch (Exception e)
            {
                Problem("sensor " + wiring.Sensors[i].Name + ": " + e.Message);
            }
        }
    }

    /// <summary>Why parts of the board could not be opened (empty when all could).</summary>
    public string[] Problems
    {
        get { return (string[])_problems.ToArray(typeof(string)); }
    }

    public ISensorChannel GetSensor(int channelId)
    {
        return (ISensorChannel)Find(_sensorIds, _sensors, channelId);
    }

    public IActuatorOutput GetActuator(int actuatorId)
    {
        return (IActuatorOutput)Find(_actuatorIds, _actuators, actuatorId);
    }

    private void AddSensor(BoardWiring wiring, SensorWiring sensor)
    {
        if (sensor.Kind == SensorKind.Bme280)
        {
            BusWiring bus = wiring.FindBus(sensor.BusId);
            if (bus == null)
            {
                throw new ArgumentException("no bus " + sensor.BusId);
            }

            IBme280Bus registers = bus.Kind == BusKind.I2c
                ? (IBme280Bus)new Bme280I2cBus(bus.Controller, sensor.Address, bus.FrequencyHz)
                : new Bme280SpiBus(bus.Controller, sensor.ChipSelectPin, bus.FrequencyHz);
            Bme280Device device = new Bme280Device(registers);
            for (int c = 0; c < sensor.Channels.Length; c++)
            {
                Add(_sensorIds, _sensors, sensor.Channels[c].ChannelId, new Bme280Channel(device, sensor.Channels[c]));
            }

            return;
        }

        if (sensor.AttenuationDb != NativeAttenuationDb)
        {
            Problem("sensor " + sensor.Name + ": nanoCLR reads every ADC channel at 12 dB, not " + sensor.AttenuationDb.ToString() + " dB");
        }

        int logical = PinFunctions.RouteAdc(sensor.Pin, sensor.AdcUnit, sensor.AdcChannel);
        if (_adc == null)
        {
            _adc = new AdcController();
        }

        for (int c = 0; c < sensor.Channels.Length; c++)
        {
            Add(_sensorIds, _sensors, sensor.Channels[c].ChannelId, new AdcSensorChannel(_adc, logical, sensor.Channels[c]));
        }
    }

    private void Problem(string text)
    {
        _problems.Add(text);
        Debug.WriteLine("board: " + text);
    }

    private static void Add(ArrayList ids, ArrayList items, int id, object item)
    {
        ids.Add(id);
        items.Add(item);
    }

    private static object Find(ArrayList ids, ArrayList items, int id)
    {
        for (int i = 0; i < ids.Count; i++)
        {
            if ((int)ids[i] == id)
            {
                return items[i];
            }
        }

        return null;
    }
}
