using System.Globalization;
using Millwright.Hardware.Virtual.Board;

namespace Millwright.Hardware.Virtual.Fleet;

/// <summary>
/// N boards in this process, sharing the worker threads of one <see cref="BoardScheduler"/>: the cheap way to put load
/// on a broker and a controller. Each board has its own device id, secret, data directory, machine and seed.
/// </summary>
internal sealed class InProcessFleet : IDisposable
{
    private readonly List<VirtualBoard> _boards = [];
    private readonly BoardScheduler _scheduler;

    public InProcessFleet(FleetOptions options, TextWriter output, TextWriter log)
    {
        _scheduler = new BoardScheduler(options.Workers, log);
        string? caPem = options.CaCertificateFile is null ? null : File.ReadAllText(options.CaCertificateFile);
        IReadOnlyList<string> devices = options.DeviceIds();
        try
        {
            for (int i = 0; i < devices.Count; i++)
            {
                string device = devices[i];
                byte[] secret = FleetRegistration.SecretFor(options.DataDirectory, device, output);
                _boards.Add(VirtualBoard.Create(new VirtualBoardOptions
                {
                    DataDirectory = options.DirectoryOf(device),
                    BoardFile = options.BoardFile,
                    DeviceId = device,
                    PlantId = options.PlantId,
                    BrokerHost = options.BrokerHost,
                    BrokerPort = options.BrokerPort,
                    BrokerTls = options.BrokerTls,
                    CaCertificatePem = caPem,
                    Secret = secret,
                    TimeScale = options.TimeScale,
                    Seed = options.SeedOf(i + 1),
                    SamplePeriodMilliseconds = options.SamplePeriodMilliseconds,
                    Utc = options.Utc,
                    Console = options.Console,
                    SyncWrites = options.SyncWrites,
                    StatusIntervalSeconds = options.StatusIntervalSeconds,
                    Machine = options.Machine,
                }));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<VirtualBoard> Boards => _boards;

    public BoardScheduler Scheduler => _scheduler;

    public void Start()
    {
        foreach (VirtualBoard board in _boards)
        {
            _scheduler.Add(board);
        }

        _scheduler.Start();
    }

    public FleetTotals Totals() => FleetTotals.Of(_boards.Select(b => b.Figures).ToList());

    public string Extra() => string.Create(CultureInfo.InvariantCulture, $" steps={_scheduler.Steps} faults={_scheduler.Faults}");

    /// <summary>Stops the workers, then powers every board off (their Wills are published).</summary>
    public void Dispose()
    {
        _scheduler.Dispose();
        foreach (VirtualBoard board in _boards)
        {
            board.Dispose();
        }
    }
}
