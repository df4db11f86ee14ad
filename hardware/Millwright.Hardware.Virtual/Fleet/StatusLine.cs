using System.Diagnostics;

namespace Millwright.Hardware.Virtual.Fleet;

/// <summary>
/// The progress line of a running board or fleet: rewritten in place once a second on a terminal, printed as a new
/// line every few seconds otherwise (logs, CI), so a long run shows it is alive without flooding its log.
/// </summary>
internal sealed class StatusLine
{
    private readonly TextWriter _output;
    private readonly bool _terminal;
    private readonly Stopwatch _started = Stopwatch.StartNew();
    private TimeSpan _lastPrinted = TimeSpan.FromDays(-1);
    private long _lastFrames;
    private TimeSpan _lastRateAt;
    private double _rate;
    private int _lastLength;

    public StatusLine(TextWriter output, bool terminal)
    {
        _output = output;
        _terminal = terminal;
    }

    public TimeSpan Elapsed => _started.Elapsed;

    /// <summary>Frames per second over the last interval.</summary>
    public double Rate => _rate;

    public void Update(FleetTotals totals, string extra = "")
    {
        TimeSpan now = _started.Elapsed;
        if (now - _lastRateAt >= TimeSpan.FromSeconds(1))
        {
            _rate = (totals.Frames - _lastFrames) / (now - _lastRateAt).TotalSeconds;
            _lastFrames = totals.Frames;
            _lastRateAt = now;
        }

        TimeSpan interval = _terminal ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);
        if (now - _lastPrinted < interval)
        {
            return;
        }

        _lastPrinted = now;
        string line = totals.ToStatusLine(now, _rate, extra);
        if (_terminal)
        {
            _output.Write("\r" + line.PadRight(_lastLength));
            _lastLength = line.Length;
        }
        else
        {
            _output.WriteLine(line);
        }

        _output.Flush();
    }

    /// <summary>Ends the line in place so what follows starts on a new one.</summary>
    public void Finish(FleetTotals totals, string extra = "")
    {
        string line = totals.ToStatusLine(_started.Elapsed, _rate, extra);
        _output.WriteLine(_terminal ? "\r" + line.PadRight(_lastLength) : line);
        _output.Flush();
    }
}
