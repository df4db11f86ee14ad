using System;
using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;

namespace Millwright.Firmware.Components;

/// <summary>
/// One channel's driver behind a guard: a read that returns false, throws, or yields a value that is not a finite
/// number is a failed read, reported with a reason prepared at construction, so a failing read allocates nothing.
/// </summary>
public sealed class CheckedSensorChannel
{
    private readonly ISensorChannel _reader;
    private readonly string _noDriver;
    private readonly string _readFailed;
    private readonly string _readThrew;
    private readonly string _notFinite;

    /// <param name="channel">What the channel is (named in the reasons).</param>
    /// <param name="reader">The board binding's driver, or null when it has none (every read then fails).</param>
    public CheckedSensorChannel(ChannelDescription channel, ISensorChannel reader)
    {
        _reader = reader;
        string prefix = "channel " + channel.ChannelId.ToString() + " (" + channel.Name + "): ";
        _noDriver = prefix + "no driver on this board";
        _readFailed = prefix + "read failed";
        _readThrew = prefix + "driver threw";
        _notFinite = prefix + "value not a finite number";
    }

    public bool HasDriver
    {
        get { return _reader != null; }
    }

    /// <summary>Reads once; returns null on success, else the reason it failed.</summary>
    public string Read(out float value)
    {
        value = 0f;
        if (_reader == null)
        {
            return _noDriver;
        }

        bool ok;
        try
        {
            ok = _reader.TryRead(out value);
        }
        catch (Exception)
        {
            // The contract says drivers never throw; one that does must not take the main loop with it.
            return _readThrew;
        }

        if (!ok)
        {
            return _readFailed;
        }

        return float.IsNaN(value) || float.IsInfinity(value) ? _notFinite : null;
    }
}
