using System;
using System.IO.Ports;
using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;
using nanoFramework.Hardware.Esp32;

namespace Millwright.Firmware.Esp32.Io;

/// <summary>
/// The service console's UART (<see cref="ISerialPort"/>): COM2 on the board file's pins, at its baud rate and
/// framing (<see cref="SerialFraming"/>: the enum values are System.IO.Ports'), routed with
/// Configuration.SetPinFunction before the port opens. COM1 (UART0, the USB bridge) belongs to the nanoFramework
/// debugger and is refused. Reads take only what has arrived, so they never wait.
/// </summary>
public sealed class Com2SerialPort : ISerialPort
{
    private readonly SerialPort _port;

    public Com2SerialPort(string portName, int txPin, int rxPin, int baudRate, string framing)
    {
        if (!SerialFraming.IsValid(framing))
        {
            throw new ArgumentException("console framing must be " + SerialFraming.Rule + ", not " + framing);
        }

        if (portName == "COM2")
        {
            Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
        }
        else if (portName == "COM3")
        {
            Configuration.SetPinFunction(txPin, DeviceFunction.COM3_TX);
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM3_RX);
        }
        else
        {
            throw new ArgumentException("console port must be COM2 or COM3 (COM1 is the debugger's), not " + portName);
        }

        _port = new SerialPort(portName, baudRate, (Parity)SerialFraming.Parity(framing), SerialFraming.DataBits, (StopBits)SerialFraming.StopBits(framing));
        _port.ReadTimeout = 0;
        _port.Open();
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int available = _port.BytesToRead;
        if (available <= 0)
        {
            return 0;
        }

        return _port.Read(buffer, offset, available < count ? available : count);
    }

    public void Write(byte[] data, int offset, int count)
    {
        _port.Write(data, offset, count);
    }
}
