using System.Diagnostics;
using Millwright.Hardware.Virtual.Board;

namespace Millwright.Hardware.Virtual.Fleet;

/// <summary>
/// Runs many boards in one process on a few worker threads (by default one per core): a queue ordered by each board's
/// next due time in real time; a worker takes the board that is due first, runs its step and puts it back with its new
/// due time. A board is never stepped by two workers at once. When the host cannot keep up, boards are served in
/// deadline order and each catches up on its own (<see cref="VirtualBoard.RunDue"/>), so the load degrades evenly.
/// A step that throws (the firmware catches its own faults, so this is the virtual hardware failing) is counted and the
/// board is retried a second later.
/// </summary>
internal sealed class BoardScheduler : IDisposable
{
    private readonly object _sync = new();
    private readonly PriorityQueue<VirtualBoard, long> _due = new();
    private readonly List<Thread> _workers = [];
    private readonly TextWriter _log;
    private bool _stopping;
    private long _steps;
    private long _faults;

    public BoardScheduler(int workers, TextWriter log)
    {
        _log = log;
        for (int i = 0; i < Math.Max(1, workers); i++)
        {
            _workers.Add(new Thread(Work) { IsBackground = true, Name = $"board-worker-{i}" });
        }
    }

    public long Steps => Interlocked.Read(ref _steps);

    public long Faults => Interlocked.Read(ref _faults);

    public void Add(VirtualBoard board)
    {
        lock (_sync)
        {
            _due.Enqueue(board, board.NextDueTicks);
            Monitor.Pulse(_sync);
        }
    }

    public void Start()
    {
        foreach (Thread worker in _workers)
        {
            worker.Start();
        }
    }

    /// <summary>Stops the workers after the steps in progress; the boards stay as they are (dispose them after).</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            _stopping = true;
            Monitor.PulseAll(_sync);
        }

        foreach (Thread worker in _workers.Where(w => w.IsAlive))
        {
            worker.Join();
        }
    }

    private void Work()
    {
        while (TakeDue() is { } board)
        {
            long next;
            try
            {
                next = board.RunDue(Stopwatch.GetTimestamp());
                Interlocked.Increment(ref _steps);
            }
#pragma warning disable CA1031 // one board's broken virtual hardware must not stop the others
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (Interlocked.Increment(ref _faults) <= 20)
                {
                    _log.WriteLine($"board {board.Figures.DeviceId}: step failed: {e.GetType().Name}: {e.Message}");
                }

                next = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
            }

            lock (_sync)
            {
                _due.Enqueue(board, next);
                Monitor.Pulse(_sync);
            }
        }
    }

    private VirtualBoard? TakeDue()
    {
        lock (_sync)
        {
            while (!_stopping)
            {
                if (!_due.TryPeek(out VirtualBoard? board, out long due))
                {
                    Monitor.Wait(_sync);
                    continue;
                }

                long wait = due - Stopwatch.GetTimestamp();
                if (wait <= 0)
                {
                    _due.Dequeue();
                    return board;
                }

                // Millisecond granularity: a board woken up to a millisecond late catches up on its deadline grid.
                Monitor.Wait(_sync, TimeSpan.FromMilliseconds(Math.Max(1, wait * 1000.0 / Stopwatch.Frequency)));
            }

            return null;
        }
    }
}
