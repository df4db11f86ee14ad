using System.Text;
using Millwright.Firmware.Hardware;
using Millwright.Hardware.Virtual.Native;

namespace Millwright.Hardware.Virtual.Console;

/// <summary>
/// The service console's UART as a Linux pseudo-terminal. The board holds the master side; <see cref="SlavePath"/>
/// (/dev/pts/N) is what a provisioning tool opens as its serial port (picocom, pyserial, System.IO.Ports). The slave is
/// put in raw mode (no echo, no line editing, no CR/LF translation), as a UART is, so the firmware's "no echo" rule
/// holds. The board keeps one slave descriptor open itself: otherwise every read of the master fails with EIO while no
/// tool is attached. Reads never wait (<see cref="ISerialPort.Read"/>); a write that finds the terminal's buffer full
/// drops the rest, as a UART with nobody listening does.
/// </summary>
internal sealed class PseudoTerminal : ISerialPort, IDisposable
{
    private readonly object _sync = new();
    private int _master;
    private int _slave;

    private PseudoTerminal(int master, int slave, string slavePath)
    {
        _master = master;
        _slave = slave;
        SlavePath = slavePath;
    }

    public string SlavePath { get; }

    /// <summary>Bytes dropped because the terminal's buffer was full (nobody reading).</summary>
    public long DroppedBytes { get; private set; }

    public static PseudoTerminal Open()
    {
        int master = LibC.PosixOpenPt(LibC.ReadWrite | LibC.NoControllingTerminal | LibC.NonBlocking | LibC.CloseOnExec);
        if (master < 0)
        {
            throw new IOException($"posix_openpt failed: errno {LibC.LastError}");
        }

        try
        {
            Check(LibC.GrantPt(master), "grantpt");
            Check(LibC.UnlockPt(master), "unlockpt");
            string path = SlaveName(master);
            int slave = LibC.Open(path, LibC.ReadWrite | LibC.NoControllingTerminal | LibC.CloseOnExec);
            if (slave < 0)
            {
                throw new IOException($"cannot open {path}: errno {LibC.LastError}");
            }

            MakeRaw(slave);
            return new PseudoTerminal(master, slave, path);
        }
        catch
        {
            LibC.Close(master);
            throw;
        }
    }

    public unsafe int Read(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        lock (_sync)
        {
            if (_master < 0 || count <= 0)
            {
                return 0;
            }

            fixed (byte* start = &buffer[offset])
            {
                nint read = LibC.Read(_master, start, count);
                if (read > 0)
                {
                    return (int)read;
                }

                // EAGAIN: nothing has arrived. EIO cannot happen while we hold the slave open; treat any error as "nothing".
                return 0;
            }
        }
    }

    public unsafe void Write(byte[] data, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_sync)
        {
            if (_master < 0)
            {
                return;
            }

            int written = 0;
            fixed (byte* start = &data[offset])
            {
                while (written < count)
                {
                    nint result = LibC.Write(_master, start + written, count - written);
                    if (result > 0)
                    {
                        written += (int)result;
                        continue;
                    }

                    if (result < 0 && LibC.LastError == LibC.ErrorInterrupted)
                    {
                        continue;
                    }

                    DroppedBytes += count - written;
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_master >= 0)
            {
                LibC.Close(_master);
                _master = -1;
            }

            if (_slave >= 0)
            {
                LibC.Close(_slave);
                _slave = -1;
            }
        }
    }

    private static unsafe string SlaveName(int master)
    {
        byte* name = stackalloc byte[128];
        Check(LibC.PtsNameR(master, name, 128), "ptsname_r");
        int length = 0;
        while (length < 128 && name[length] != 0)
        {
            length++;
        }

        return Encoding.ASCII.GetString(name, length);
    }

    private static unsafe void MakeRaw(int fd)
    {
        byte* termios = stackalloc byte[LibC.TermiosBufferSize];
        Check(LibC.TcGetAttr(fd, termios), "tcgetattr");
        LibC.CfMakeRaw(termios);
        Check(LibC.TcSetAttr(fd, LibC.TcsaNow, termios), "tcsetattr");
    }

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new IOException($"{call} failed: errno {LibC.LastError}");
        }
    }
}
