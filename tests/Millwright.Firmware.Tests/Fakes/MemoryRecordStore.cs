using System.IO;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Tests.Fakes;

/// <summary>
/// Flash in memory with power-cut injection, keeping the guarantees <see cref="IRecordStore"/> promises (LittleFS's):
/// a cut append leaves a prefix of its bytes and nothing else; <see cref="Replace"/> leaves the old content or the new.
/// <see cref="CutAfterBytes"/> lets that many more bytes reach flash and cuts the write that reaches the limit (a write
/// that ends exactly at it is whole, but its caller never hears back); <see cref="CutAfterOperations"/> lets that many
/// writes, replaces and deletes complete and cuts the next one before it changes anything. After a cut every call
/// throws <see cref="PowerCutException"/> until <see cref="Reboot"/>; files survive, so a test builds new firmware
/// objects over the same store. Buffers are pooled, so appends, replaces and deletes allocate nothing once warm (the
/// firmware's allocation tests measure through this fake).
/// </summary>
public sealed class MemoryRecordStore : IRecordStore
{
    private readonly object _sync = new();
    private readonly Dictionary<string, MemoryFile> _files = new(StringComparer.Ordinal);
    private readonly Stack<MemoryFile> _pool = new();
    private long _byteBudget = -1;
    private int _operationBudget = -1;
    private bool _off;

    public MemoryRecordStore(long capacityBytes = 1024 * 1024)
    {
        CapacityBytes = capacityBytes;
    }

    public long CapacityBytes { get; }

    /// <summary>Bytes that reached flash through Append and Replace (wear).</summary>
    public long BytesWritten { get; private set; }

    public int Appends { get; private set; }

    public int Replaces { get; private set; }

    public int Deletes { get; private set; }

    public bool IsOff
    {
        get { lock (_sync) { return _off; } }
    }

    public long FreeBytes
    {
        get { lock (_sync) { return CapacityBytes - UsedBytes(); } }
    }

    public IReadOnlyCollection<string> FileNames
    {
        get { lock (_sync) { return _files.Keys.ToArray(); } }
    }

    /// <summary>Cuts power once <paramref name="bytes"/> more bytes have reached flash.</summary>
    public void CutAfterBytes(long bytes)
    {
        lock (_sync) { _byteBudget = bytes; }
    }

    /// <summary>Cuts power at the start of the mutating call after the next <paramref name="operations"/> ones.</summary>
    public void CutAfterOperations(int operations)
    {
        lock (_sync) { _operationBudget = operations; }
    }

    /// <summary>Power is back: cancels any cut still armed; files are as the cut left them.</summary>
    public MemoryRecordStore Reboot()
    {
        lock (_sync)
        {
            _off = false;
            _byteBudget = -1;
            _operationBudget = -1;
            return this;
        }
    }

    public bool Exists(string name)
    {
        lock (_sync)
        {
            ThrowIfOff();
            return _files.ContainsKey(name);
        }
    }

    public int Length(string name)
    {
        lock (_sync)
        {
            ThrowIfOff();
            return _files.TryGetValue(name, out MemoryFile? file) ? file.Length : -1;
        }
    }

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        lock (_sync)
        {
            ThrowIfOff();
            if (!_files.TryGetValue(name, out MemoryFile? file))
            {
                throw new IOException("no file " + name);
            }

            int available = Math.Max(0, Math.Min(count, file.Length - position));
            Array.Copy(file.Data, position, buffer, offset, available);
            return available;
        }
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        lock (_sync)
        {
            BeginWrite();
            if (UsedBytes() + count > CapacityBytes)
            {
                throw new IOException("no space left for " + count + " bytes on " + name);
            }

            if (!_files.TryGetValue(name, out MemoryFile? file))
            {
                file = Rent();
                _files[name] = file;
            }

            Appends++;
            bool cut = _byteBudget >= 0 && count >= _byteBudget;
            int written = cut ? (int)_byteBudget : count;
            file.Write(data, offset, written);
            BytesWritten += written;
            Spend(written, cut);
        }
    }

    public void Replace(string name, byte[] data, int offset, int count)
    {
        lock (_sync)
        {
            BeginWrite();
            if (_byteBudget >= 0 && count >= _byteBudget)
            {
                // Written to the temporary file, never renamed: the old content stays.
                Spend(0, true);
            }

            MemoryFile next = Rent();
            next.Write(data, offset, count);
            if (_files.TryGetValue(name, out MemoryFile? old))
            {
                _pool.Push(old);
            }

            _files[name] = next;
            Replaces++;
            BytesWritten += count;
            Spend(count, false);
        }
    }

    public void Delete(string name)
    {
        lock (_sync)
        {
            BeginWrite();
            if (_files.Remove(name, out MemoryFile? file))
            {
                _pool.Push(file);
                Deletes++;
            }
        }
    }

    public string[] List(string prefix)
    {
        lock (_sync)
        {
            ThrowIfOff();
            return _files.Keys.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        }
    }

    /// <summary>A copy of a file's bytes (test inspection).</summary>
    public byte[] ReadAll(string name)
    {
        lock (_sync)
        {
            MemoryFile file = _files[name];
            return file.Data.AsSpan(0, file.Length).ToArray();
        }
    }

    /// <summary>Flash damage: XORs one byte in place (no power-cut accounting).</summary>
    public void Corrupt(string name, int position, byte xor = 0x01)
    {
        lock (_sync) { _files[name].Data[position] ^= xor; }
    }

    /// <summary>Sets a file's bytes directly (test set-up; no power-cut accounting).</summary>
    public void SetBytes(string name, byte[] bytes)
    {
        lock (_sync)
        {
            if (!_files.TryGetValue(name, out MemoryFile? file))
            {
                file = Rent();
                _files[name] = file;
            }

            file.Length = 0;
            file.Write(bytes, 0, bytes.Length);
        }
    }

    private long UsedBytes()
    {
        long used = 0;
        foreach (MemoryFile file in _files.Values)
        {
            used += file.Length;
        }

        return used;
    }

    private void ThrowIfOff()
    {
        if (_off)
        {
            throw new PowerCutException();
        }
    }

    private void BeginWrite()
    {
        ThrowIfOff();
        if (_operationBudget == 0)
        {
            _off = true;
            throw new PowerCutException();
        }

        if (_operationBudget > 0)
        {
            _operationBudget--;
        }
    }

    private void Spend(int bytes, bool cut)
    {
        if (cut)
        {
            _byteBudget = 0;
            _off = true;
            throw new PowerCutException();
        }

        if (_byteBudget >= 0)
        {
            _byteBudget -= bytes;
        }
    }

    private MemoryFile Rent()
    {
        MemoryFile file = _pool.Count > 0 ? _pool.Pop() : new MemoryFile();
        file.Length = 0;
        return file;
    }

    private sealed class MemoryFile
    {
        public byte[] Data = new byte[4096];
        public int Length;

        public void Write(byte[] source, int offset, int count)
        {
            if (Length + count > Data.Length)
            {
                Array.Resize(ref Data, Math.Max(Data.Length * 2, Length + count));
            }

            Array.Copy(source, offset, Data, Length, count);
            Length += count;
        }
    }
}
