using System.IO;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>
/// Flash as named files in memory, with the guarantees IRecordStore states (Replace is all-or-nothing), plus faults:
/// a failing Replace (the power cut or flash error before the rename: old content stays) and byte corruption.
/// </summary>
public sealed class CommandFakeRecordStore : IRecordStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>The next this many Replace calls throw IOException and change nothing.</summary>
    public int FailReplaces { get; set; }

    public int ReplaceCount { get; private set; }

    public long FreeBytes => 200_000;

    public byte[]? Content(string name) => _files.TryGetValue(name, out var data) ? (byte[])data.Clone() : null;

    public void SetContent(string name, byte[] data) => _files[name] = (byte[])data.Clone();

    public void FlipBit(string name, int index, int bit = 0) => _files[name][index] ^= (byte)(1 << bit);

    public bool Exists(string name) => _files.ContainsKey(name);

    public int Length(string name) => _files.TryGetValue(name, out var data) ? data.Length : -1;

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        if (!_files.TryGetValue(name, out var data))
        {
            throw new IOException("no file " + name);
        }

        int n = Math.Max(0, Math.Min(count, data.Length - position));
        Array.Copy(data, position, buffer, offset, n);
        return n;
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        _files.TryGetValue(name, out var old);
        old ??= [];
        var combined = new byte[old.Length + count];
        old.CopyTo(combined, 0);
        Array.Copy(data, offset, combined, old.Length, count);
        _files[name] = combined;
    }

    public void Replace(string name, byte[] data, int offset, int count)
    {
        if (FailReplaces > 0)
        {
            FailReplaces--;
            throw new IOException("simulated power cut during replace of " + name);
        }

        ReplaceCount++;
        _files[name] = data.AsSpan(offset, count).ToArray();
    }

    public void Delete(string name) => _files.Remove(name);

    public string[] List(string prefix) => _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
}
