using System;

namespace Millwright.Firmware.Board;

/// <summary>
/// How a board's hardware is connected: chip, service console UART, buses, sensors and actuator pins. Data only,
/// built from the board file (hardware/boards/*.json) by generated code on the ESP32 and by the board loader on
/// .NET; the ESP32 binding and the virtual board build their hardware objects from it. The matching
/// <see cref="BoardDescription"/> holds what the firmware logic needs (channels, actuator rules).
/// </summary>
public sealed class BoardWiring
{
    /// <summary>A pin that is not connected or does not apply.</summary>
    public const int NoPin = -1;

    public BoardWiring(string chip, BusWiring[] buses, SensorWiring[] sensors, ActuatorWiring[] actuators)
    {
        Chip = chip;
        Buses = buses;
        Sensors = sensors;
        Actuators = actuators;
        ConsoleTxPin = NoPin;
        ConsoleRxPin = NoPin;
    }

    /// <summary>"esp32", "esp32-s3" or "virtual".</summary>
    public string Chip { get; private set; }

    public BusWiring[] Buses { get; private set; }

    public SensorWiring[] Sensors { get; private set; }

    public ActuatorWiring[] Actuators { get; private set; }

    /// <summary>nanoFramework serial port of the service console ("COM2"): never COM1, the debugger's UART0.</summary>
    public string ConsolePort { get; set; }

    public int ConsoleTxPin { get; set; }

    public int ConsoleRxPin { get; set; }

    public BusWiring FindBus(string id)
    {
        for (int i = 0; i < Buses.Length; i++)
        {
            if (Buses[i].Id == id)
            {
                return Buses[i];
            }
        }

        return null;
    }

    public SensorWiring FindSensor(string name)
    {
        for (int i = 0; i < Sensors.Length; i++)
        {
            if (Sensors[i].Name == name)
            {
                return Sensors[i];
            }
        }

        return null;
    }

    /// <summary>The sensor that produces <paramref name="channelId"/>, or null.</summary>
    public SensorWiring FindSensorOfChannel(int channelId)
    {
        for (int i = 0; i < Sensors.Length; i++)
        {
            if (Sensors[i].FindChannel(channelId) != null)
            {
                return Sensors[i];
            }
        }

        return null;
    }

    public ChannelWiring FindChannel(int channelId)
    {
        SensorWiring sensor = FindSensorOfChannel(channelId);
        return sensor == null ? null : sensor.FindChannel(channelId);
    }

    public ActuatorWiring FindActuator(int actuatorId)
    {
        for (int i = 0; i < Actuators.Length; i++)
        {
            if (Actuators[i].ActuatorId == actuatorId)
            {
                return Actuators[i];
            }
        }

        return null;
    }
}
