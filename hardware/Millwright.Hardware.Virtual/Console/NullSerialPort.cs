using Millwright.Firmware.Hardware;

namespace Millwright.Hardware.Virtual.Console;

/// <summary>A console port with no cable attached: nothing arrives, what is written goes nowhere (--no-console, large fleets).</summary>
internal sealed class NullSerialPort : ISerialPort
{
    public int Read(byte[] buffer, int offset, int count) => 0;

    public void Write(byte[] data, int offset, int count)
    {
    }
}
