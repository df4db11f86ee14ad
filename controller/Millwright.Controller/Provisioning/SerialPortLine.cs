using System.IO.Ports;

namespace Millwright.Controller.Provisioning;

/// <summary>
/// A service console on a serial port (System.IO.Ports): a USB-UART adapter on the node's service header, or the virtual
/// board's pseudo-terminal. 8N1 at the board's console baud rate, no flow control (the service header has no RTS/CTS).
/// </summary>
public sealed class SerialPortLine : ISerialLine
{
    private readonly SerialPort _port;

    private SerialPortLine(SerialPort port)
    {
        _port = port;
    }

    public string Description => $"{_port.PortName} {_port.BaudRate} 8N1";

    /// <summary>Opens <paramref name="portName"/>; throws <see cref="ProvisioningException"/> (step "port") when it cannot.</summary>
    public static SerialPortLine Open(string portName, int baudRate)
    {
        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = 100,
            WriteTimeout = 5000,
            DtrEnable = false,
            RtsEnable = false,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new ProvisioningException(ProvisioningStep.Port, $"cannot open {portName}: {e.Message}",
                e is UnauthorizedAccessException
                    ? "the port is in use or you lack permission: close other terminals (picocom, screen); on Linux join the 'dialout' group"
                    : "check the cable and the port name (docs/provisioning.md, \"Finding the port\")");
        }

        return new SerialPortLine(port);
    }

    public void Write(byte[] data, int offset, int count)
    {
        try
        {
            _port.Write(data, offset, count);
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
        {
            throw new ProvisioningException(ProvisioningStep.Port, $"writing to {_port.PortName} failed: {e.Message}", "the cable was pulled or the adapter reset: reconnect and run again");
        }
    }

    public int Read(byte[] buffer, int offset, int count, TimeSpan timeout)
    {
        DateTime until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return _port.Read(buffer, offset, count);
            }
            catch (TimeoutException)
            {
                if (DateTime.UtcNow >= until)
                {
                    return 0;
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                throw new ProvisioningException(ProvisioningStep.Port, $"reading from {_port.PortName} failed: {e.Message}", "the cable was pulled or the adapter reset: reconnect and run again");
            }
        }
    }

    public void Dispose() => _port.Dispose();
}
