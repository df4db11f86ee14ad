using System.IO;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Settings;

/// <summary>
/// The active device settings and their record in flash. A new set replaces the active one only through
/// <see cref="Commit"/>: it is checked as a whole, written with <see cref="IRecordStore.Replace"/> (atomic: old or
/// new content, never a mix), and only then made active. Whatever happens before that (a console session that is
/// abandoned, a cable pulled, a power cut during the write) leaves the previous settings in force.
/// </summary>
public sealed class SettingsStore
{
    public const string RecordName = "settings";

    private readonly IRecordStore _store;
    private readonly byte[] _buffer = new byte[SettingsCodec.MaxRecordBytes];
    private readonly object _sync = new object();
    private DeviceSettings _active = new DeviceSettings();

    public SettingsStore(IRecordStore store)
    {
        _store = store;
    }

    /// <summary>Why the stored settings could not be used at the last <see cref="Load"/> (null when they could, or none were stored).</summary>
    public string LoadProblem { get; private set; }

    /// <summary>A copy of the settings in force (defaults until a valid set is loaded or committed).</summary>
    public DeviceSettings Active
    {
        get { return _active.Clone(); }
    }

    /// <summary>Reads the stored settings. Returns true when a valid record was found; otherwise the defaults are in force.</summary>
    public bool Load()
    {
        lock (_sync)
        {
            _active = new DeviceSettings();
            LoadProblem = null;
            int length = _store.Length(RecordName);
            if (length < 0)
            {
                return false;
            }

            if (length > _buffer.Length)
            {
                LoadProblem = "settings record is too large (" + length.ToString() + " bytes)";
                return false;
            }

            int read = _store.Read(RecordName, 0, _buffer, 0, length);
            string problem;
            DeviceSettings loaded = SettingsCodec.Decode(_buffer, read, out problem);
            if (loaded == null)
            {
                LoadProblem = problem;
                return false;
            }

            _active = loaded;
            return true;
        }
    }

    /// <summary>
    /// Checks <paramref name="candidate"/> as a whole and, when it is valid, stores it atomically and makes it the
    /// active set. Returns null on success, otherwise the problem (nothing changed, in flash or in memory).
    /// </summary>
    public string Commit(DeviceSettings candidate)
    {
        string problem = SettingsValidator.Check(candidate);
        if (problem != null)
        {
            return problem;
        }

        lock (_sync)
        {
            DeviceSettings copy = candidate.Clone();
            int length = SettingsCodec.Encode(copy, _buffer);
            try
            {
                _store.Replace(RecordName, _buffer, 0, length);
            }
            catch (IOException e)
            {
                return "settings could not be stored (" + e.Message + "); the previous settings stay in force";
            }
            finally
            {
                // The record holds the Wi-Fi password: do not leave it in RAM longer than needed.
                System.Array.Clear(_buffer, 0, length);
            }

            _active = copy;
            LoadProblem = null;
            return null;
        }
    }

    /// <summary>Factory reset: deletes the record; the defaults are in force afterwards.</summary>
    public void Erase()
    {
        lock (_sync)
        {
            if (_store.Exists(RecordName))
            {
                _store.Delete(RecordName);
            }

            _active = new DeviceSettings();
            LoadProblem = null;
        }
    }
}
