using System.Diagnostics;

namespace Millwright.Hardware.Virtual.Clock;

/// <summary>
/// Maps real time (Stopwatch ticks) to a board's simulated time and back, at a fixed time scale: one real second is
/// <see cref="Scale"/> simulated seconds. Simulated time is the "world" time of a board and its machine (µs); it goes on
/// across reboots of the node.
/// </summary>
internal sealed class SimulatedTimeline
{
    private readonly long _realStart;
    private readonly long _worldStart;
    private readonly double _worldMicrosPerTick;

    public SimulatedTimeline(double scale, long worldStartMicros, long realStartTicks)
    {
        if (!(scale >= MinimumScale && scale <= MaximumScale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"time scale must be {MinimumScale} to {MaximumScale}");
        }

        Scale = scale;
        _worldStart = worldStartMicros;
        _realStart = realStartTicks;
        _worldMicrosPerTick = 1_000_000.0 / Stopwatch.Frequency * scale;
    }

    public const double MinimumScale = 0.1;
    public const double MaximumScale = 10_000;

    public double Scale { get; }

    public long WorldAt(long realTicks) => _worldStart + (long)((realTicks - _realStart) * _worldMicrosPerTick);

    /// <summary>The first real tick at which the world has reached <paramref name="worldMicros"/>.</summary>
    public long RealAt(long worldMicros) => _realStart + (long)Math.Ceiling((worldMicros - _worldStart) / _worldMicrosPerTick);

    /// <summary>A simulated duration as real milliseconds (at least 1).</summary>
    public int RealMilliseconds(long worldMicros) => (int)Math.Clamp(worldMicros / Scale / 1000.0, 1, int.MaxValue);
}
