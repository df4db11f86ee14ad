namespace Millwright.Firmware.Hardware;

/// <summary>
/// Flash storage as named files (LittleFS on the ESP32's internal drive, a directory on the virtual board).
/// Guarantees we rely on, which LittleFS gives: an append that is cut by a power loss leaves a prefix of the
/// appended bytes and nothing else; <see cref="Replace"/> is atomic (old or new content, never a mix).
/// Names are short ASCII ("outbox-000012", "settings"). Errors are reported as <see cref="System.IO.IOException"/>.
/// </summary>
public interface IRecordStore
{
    bool Exists(string name);

    /// <summary>Length in bytes, or -1 when the file does not exist.</summary>
    int Length(string name);

    /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/>; returns the number read.</summary>
    int Read(string name, int position, byte[] buffer, int offset, int count);

    /// <summary>Appends bytes, creating the file when needed, and makes them durable before returning.</summary>
    void Append(string name, byte[] data, int offset, int count);

    /// <summary>Atomically replaces the whole content of a small file (write to a temporary file, then rename).</summary>
    void Replace(string name, byte[] data, int offset, int count);

    void Delete(string name);

    /// <summary>Names of the files that start with <paramref name="prefix"/>, in no particular order.</summary>
    string[] List(string prefix);

    /// <summary>Free bytes left on the drive.</summary>
    long FreeBytes { get; }
}
