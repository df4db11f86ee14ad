using System.Runtime.InteropServices;

namespace Millwright.Hardware.Virtual.Native;

/// <summary>
/// The few libc calls .NET has no API for: pseudo-terminals (posix_openpt and friends, raw mode through termios) and
/// fsync of a directory (so a rename or a new file survives a host crash). Linux only; constants are the generic
/// Linux values, the same on x86-64 and arm64.
/// </summary>
internal static partial class LibC
{
    public const int ReadOnly = 0x0;
    public const int ReadWrite = 0x2;
    public const int NoControllingTerminal = 0x100;
    public const int NonBlocking = 0x800;
    public const int CloseOnExec = 0x80000;
    public const int TcsaNow = 0;
    public const int ErrorInterrupted = 4;
    public const int ErrorIo = 5;
    public const int ErrorAgain = 11;

    /// <summary>Bytes reserved for a struct termios: glibc's is 60 bytes; the calls treat it as opaque.</summary>
    public const int TermiosBufferSize = 256;

    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "posix_openpt", SetLastError = true)]
    public static partial int PosixOpenPt(int flags);

    [LibraryImport(Library, EntryPoint = "grantpt", SetLastError = true)]
    public static partial int GrantPt(int fd);

    [LibraryImport(Library, EntryPoint = "unlockpt", SetLastError = true)]
    public static partial int UnlockPt(int fd);

    [LibraryImport(Library, EntryPoint = "ptsname_r", SetLastError = true)]
    public static unsafe partial int PtsNameR(int fd, byte* buffer, nuint length);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nint count);

    public const int SignalTerminate = 15;

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    public static unsafe partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    public static unsafe partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport(Library, EntryPoint = "cfmakeraw")]
    public static unsafe partial void CfMakeRaw(byte* termios);

    public static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>fsync of a directory: makes the names created, renamed or removed in it durable.</summary>
    public static void SyncDirectory(string path)
    {
        int fd = Open(path, ReadOnly | CloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {path} to sync it: errno {LastError}");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory {path} failed: errno {LastError}");
            }
        }
        finally
        {
            Close(fd);
        }
    }
}
