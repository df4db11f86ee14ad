using Millwright.Hardware.Virtual.Board;
using Millwright.Hardware.Virtual.Fleet;

namespace Millwright.Hardware.Virtual.Tests.Infrastructure;

/// <summary>A virtual board in the test process, stepped in real (accelerated) time by a one-worker scheduler, powered off at the end.</summary>
internal sealed class RunningBoard : IDisposable
{
    private readonly BoardScheduler _scheduler;

    public RunningBoard(VirtualBoardOptions options)
    {
        Board = VirtualBoard.Create(options);
        _scheduler = new BoardScheduler(1, TextWriter.Null);
        _scheduler.Add(Board);
        _scheduler.Start();
    }

    public VirtualBoard Board { get; }

    public long Steps => _scheduler.Steps;

    public void Dispose()
    {
        _scheduler.Dispose();
        Board.Dispose();
    }
}
