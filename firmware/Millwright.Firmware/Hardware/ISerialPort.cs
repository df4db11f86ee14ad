namespace Millwright.Firmware.Hardware;

/// <summary>The service console's UART (COM2 on the service header; a pseudo-terminal on the virtual board).</summary>
public interface ISerialPort
{
    /// <summary>Reads what has arrived, up to <paramref name="count"/> bytes; returns 0 at once when nothing has.</summary>
    int Read(byte[] buffer, int offset, int count);

    void Write(byte[] data, int offset, int count);
}
