using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Esp32.Storage;

/// <summary>
/// <see cref="IRecordStore"/> on the internal LittleFS drive (I:). LittleFS keeps a cut append to a prefix and syncs a
/// file when it is closed, so each call opens, writes and closes. <see cref="Replace"/> cannot rename over the old file
/// (nanoFramework's File.Move refuses an existing destination), so it writes "name.new", deletes "name", then moves;
/// the constructor finishes or discards a replacement a power cut interrupted: a ".new" beside its file may be partial
/// and is deleted; a ".new" alone was complete before the old file went, and becomes the file.
/// </summary>
public sealed class LittleFsRecordStore : IRecordStore
{
    public const string Drive = "I:\\";
    public const string PendingSuffix = ".new";

    // LittleFS allocates whole 4 KB blocks; the native driver reports no sizes, so free space is estimated from them.
    private const int BlockBytes = 4096;
    private const int MetadataBlocks = 2;

    private readonly string _root;
    private readonly long _capacityBytes;

    /// <param name="root">Drive or folder ending in '\\' ("I:\\").</param>
    /// <param name="capacityBytes">Size of the LittleFS partition (256 KB on 4 MB flash: nanoCLR's partitions_nanoclr_4mb.csv).</param>
    public LittleFsRecordStore(string root, long capacityBytes)
    {
        _root = root;
        _capacityBytes = capacityBytes;
        try
        {
            FinishInterruptedReplacements();
        }
        catch (Exception e)
        {
            // The node still boots to its console; the store's users report the failures they meet.
            Debug.WriteLine("storage: " + _root + ": " + e.Message);
        }
    }

    public bool Exists(string name)
    {
        return File.Exists(PathOf(name));
    }

    public int Length(string name)
    {
        try
        {
            string path = PathOf(name);
            return File.Exists(path) ? (int)new FileInfo(path).Length : -1;
        }
        catch (Exception e)
        {
            throw AsIOException(e);
        }
    }

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        try
        {
            using (FileStream file = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read))
            {
                if (position >= file.Length)
                {
                    return 0;
                }

                file.Seek(position, SeekOrigin.Begin);
                int total = 0;
                while (total < count)
                {
                    int read = file.Read(buffer, offset + total, count - total);
                    if (read <= 0)
                    {
                        break;
                    }

                    total += read;
                }

                return total;
            }
        }
        catch (Exception e)
        {
            throw AsIOException(e);
        }
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        Write(PathOf(name), FileMode.Append, data, offset, count);
    }

    public void Replace(string name, byte[] data, int offset, int count)
    {
        string path = PathOf(name);
        string pending = path + PendingSuffix;
        Write(pending, FileMode.Create, data, offset, count);
        try
        {
            File.Delete(path);
            File.Move(pending, path);
        }
        catch (Exception e)
        {
            throw AsIOException(e);
        }
    }

    public void Delete(string name)
    {
        try
        {
            File.Delete(PathOf(name));
        }
        catch (Exception e)
        {
            throw AsIOException(e);
        }
    }

    public string[] List(string prefix)
    {
        try
        {
            string[] paths = Directory.GetFiles(_root);
            ArrayList names = new ArrayList();
            for (int i = 0; i < paths.Length; i++)
            {
                string name = NameOf(paths[i]);
                if (name.StartsWith(prefix) && !name.EndsWith(PendingSuffix))
                {
                    names.Add(name);
                }
            }

            string[] result = new string[names.Count];
            names.CopyTo(result, 0);
            return result;
        }
        catch (Exception e)
        {
            throw AsIOException(e);
        }
    }

    /// <summary>An estimate: capacity less every file rounded up to whole blocks and the metadata pair.</summary>
    public long FreeBytes
    {
        get
        {
            long used = MetadataBlocks * (long)BlockBytes;
            string[] paths = Directory.GetFiles(_root);
            for (int i = 0; i < paths.Length; i++)
            {
                long length = new FileInfo(paths[i]).Length;
                used += (length + BlockBytes - 1) / BlockBytes * BlockBytes;
            }

            return used >= _capacityBytes ? 0 : _capacityBytes - used;
        }
    }

    private void FinishInterruptedReplacements()
    {
        string[] paths = Directory.GetFiles(_root);
        for (int i = 0; i < paths.Length; i++)
        {
            string pending = paths[i];
            if (!pending.EndsWith(PendingSuffix))
            {
                continue;
            }

            string path = pending.Substring(0, pending.Length - PendingSuffix.Length);
            if (File.Exists(path))
            {
                File.Delete(pending);
            }
            else
            {
                File.Move(pending, path);
            }
        }
    }

    private static void Write(string path, FileMode mode, byte[] data, int offset, int count)
    {
        try
        {
            using (FileStream file = new FileStream(path, mode))
            {
                file.Write(data, offset, count);
                file.Flush();
            }
        }
        catch (Exception e)
        {
            throw AsIOException(e);
        }
    }

    private string PathOf(string name)
    {
        return _root + name;
    }

    private string NameOf(string path)
    {
        int slash = path.LastIndexOf('\\');
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    private static IOException AsIOException(Exception e)
    {
        IOException io = e as IOException;
        return io != null ? io : new IOException(e.Message, e);
    }
}
