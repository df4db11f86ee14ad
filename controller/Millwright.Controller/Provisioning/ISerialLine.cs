namespace Millwright.Controller.Provisioning;

/// <summary>The byte stream to a device's service console (a serial port, or a test's stream).</summary>
public interface ISerialLine : IDisposable
{
    /// <summary>Where it is connected, for messages (e.g. /dev/ttyUSB0 115200 8N1).</summary>
    string Description { get; }

    void Write(byte[] data, int offset, int count);

    /// <summary>Reads what has arrived, waiting at most <paramref name="timeout"/>; returns 0 when nothing came.</summary>
    int Read(byte[] buffer, int offset, int count, TimeSpan timeout);
}
