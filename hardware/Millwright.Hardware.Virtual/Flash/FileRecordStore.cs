using Millwright.Firmware.Hardware;
using Millwright.Hardware.Virtual.Native;

namespace Millwright.Hardware.Virtual.Flash;

/// <summary>
/// The virtual board's flash: one directory, one file per record-store name. It keeps the two promises of
/// <see cref="IRecordStore"/> (which LittleFS gives on the board): an append cut short leaves a prefix of its bytes and
/// nothing else — a killed process cannot tear a write(2) to a regular file, and the host's page cache keeps what was
/// written; with <see cref="SyncWrites"/> every append is also fsync'ed, so even a host crash keeps it — and
/// <see cref="Replace"/> is atomic: the new content goes to a temporary file in a subdirectory (so it never shows in
/// <see cref="List"/>), is fsync'ed, and is renamed over the old one, and the rename is made durable by an fsync of the
/// directory. Files are created owner-only (0600): the device secret lives here too.
/// </summary>
internal sealed class FileRecordStore : IRecordStore
{
    private const string TemporaryFolder = ".tmp";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory;
    private readonly string _temporary;

    public FileRecordStore(string directory, long capacityBytes, bool syncWrites)
    {
        _directory = Path.GetFullPath(directory);
        _temporary = Path.Combine(_directory, TemporaryFolder);
        CapacityBytes = capacityBytes;
        SyncWrites = syncWrites;
        Directory.CreateDirectory(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(_temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // What a Replace cut short left behind; the old content is still in place.
        foreach (string leftover in Directory.EnumerateFiles(_temporary))
        {
            File.Delete(leftover);
        }
    }

    /// <summary>The size of the simulated flash drive, for <see cref="FreeBytes"/>.</summary>
    public long CapacityBytes { get; }

    /// <summary>fsync every write (durable across a host crash, not only across a killed process).</summary>
    public bool SyncWrites { get; }

    public string DirectoryPath => _directory;

    public long FreeBytes
    {
        get
        {
            long used = new DirectoryInfo(_directory).EnumerateFiles().Sum(file => file.Length);
            return Math.Max(0, CapacityBytes - used);
        }
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    public int Length(string name)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? checked((int)info.Length) : -1;
    }

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        using var handle = File.OpenHandle(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        int total = 0;
        while (total < count)
        {
            int read = RandomAccess.Read(handle, buffer.AsSpan(offset + total, count - total), position + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        string path = PathOf(name);
        bool created = !File.Exists(path);
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read | FileShare.Delete,
            BufferSize = 0,
            UnixCreateMode = OwnerOnly,
        };
        using (var stream = new FileStream(path, options))
        {
            stream.Write(data, offset, count);
            if (SyncWrites)
            {
                stream.Flush(flushToDisk: true);
            }
        }

        if (created && SyncWrites)
        {
            LibC.SyncDirectory(_directory);
        }
    }

    public void Replace(string name, byte[] data, int offset, int count)
    {
        string path = PathOf(name);
        string temporary = Path.Combine(_temporary, name);
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            UnixCreateMode = OwnerOnly,
        };
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(data, offset, count);
            if (SyncWrites)
            {
                stream.Flush(flushToDisk: true);
            }
        }

        // rename(2): readers see the old file or the new one, never a mix.
        File.Move(temporary, path, overwrite: true);
        if (SyncWrites)
        {
            LibC.SyncDirectory(_directory);
        }
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    public string[] List(string prefix)
    {
        return Directory.EnumerateFiles(_directory)
            .Select(Path.GetFileName)
            .Where(name => name is not null && name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => name!)
            .ToArray();
    }

    // Names come from the firmware ("outbox-03", "settings"); refusing anything else keeps every path inside the drive.
    private string PathOf(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || name[0] == '.' || !name.All(IsNameCharacter))
        {
            throw new IOException($"record name '{name}' is not a short name of letters, digits, '-', '_' and '.'");
        }

        return Path.Combine(_directory, name);
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
