using System.IO.Ports;
using Millwright.Firmware.Board;

namespace Millwright.Controller.Provisioning;

/// <summary>
/// A service console on a serial port (System.IO.Ports): a USB-UART adapter on the node's service header, or the virtual
/// board's pseudo-terminal, at the board's console baud rate and framing (8N1 unless the board file says otherwise), no
/// flow control (the service header has no RTS/CTS).
/// </summary>
public sealed class SerialPortLine : ISerialLine
{
    // A byte at 115200 baud takes 87 µs; 2 ms between looks adds nothing a technician could notice.
    private const int PollMilliseconds = 2;

    private readonly SerialPort _port;

    private readonly string _framing;

    private SerialPortLine(SerialPort port, string framing)
    {
        _port = port;
        _framing = framing;
    }

    public string Description => $"{_port.PortName} {_port.BaudRate} {_framing}";

    /// <summary>Opens <paramref name="portName"/>; throws <see cref="ProvisioningException"/> (step "port") when it cannot.</summary>
    public static SerialPortLine Open(string portName, int baudRate, string framing = SerialFraming.Default)
    {
        if (!SerialFraming.IsValid(framing))
        {
            throw new ArgumentException($"framing must be {SerialFraming.Rule}, not '{framing}'", nameof(framing));
        }

        var port = new SerialPort(portName, baudRate, (Parity)SerialFraming.Parity(framing), SerialFraming.DataBits, (StopBits)SerialFraming.StopBits(framing))
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
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

        return new SerialPortLine(port, framing);
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

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for bytes and returns what has arrived (0 when nothing did). System.IO.Ports
    /// on Linux drops bytes its I/O thread reads into a read request whose timeout fires at that moment, so a read is
    /// only started once bytes are waiting, and then without a timeout: it completes at once and is never cancelled.
    /// </summary>
    public int Read(byte[] buffer, int offset, int count, TimeSpan timeout)
    {
        long until = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        try
        {
            while (true)
            {
                int waiting = _port.BytesToRead;
                if (waiting > 0)
                {
                    return _port.Read(buffer, offset, Math.Min(count, waiting));
                }

                if (Environment.TickCount64 >= until)
                {
                    return 0;
                }

                Thread.Sleep(PollMilliseconds);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
        {
            throw new ProvisioningException(ProvisioningStep.Port, $"reading from {_port.PortName} failed: {e.Message}", "the cable was pulled or the adapter reset: reconnect and run again");
        }
    }

    public void Dispose() => _port.Dispose();
}
