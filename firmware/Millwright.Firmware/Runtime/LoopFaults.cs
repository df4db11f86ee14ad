using System;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// Exceptions the main loop caught, stage by stage, so one broken part does not stop the others. An iteration with a
/// fault still ends, but only <see cref="MaxFaultyIterations"/> of them in a row count as progress for the watchdog:
/// a node that fails on every pass is reset rather than left looping uselessly.
/// </summary>
public sealed class LoopFaults
{
    private readonly int _maxFaultyIterations;
    private bool _faultThisIteration;

    public LoopFaults(int maxFaultyIterations)
    {
        _maxFaultyIterations = maxFaultyIterations;
        LastFault = string.Empty;
    }

    public int MaxFaultyIterations
    {
        get { return _maxFaultyIterations; }
    }

    public long Count { get; private set; }

    /// <summary>"stage: message" of the last fault ("" before the first).</summary>
    public string LastFault { get; private set; }

    public int ConsecutiveFaultyIterations { get; private set; }

    public void Note(string stage, Exception fault)
    {
        Count++;
        LastFault = stage + ": " + fault.Message;
        _faultThisIteration = true;
    }

    /// <summary>Ends an iteration; returns whether it counts as progress.</summary>
    public bool EndIteration()
    {
        ConsecutiveFaultyIterations = _faultThisIteration ? ConsecutiveFaultyIterations + 1 : 0;
        _faultThisIteration = false;
        return ConsecutiveFaultyIterations < _maxFaultyIterations;
    }
}
