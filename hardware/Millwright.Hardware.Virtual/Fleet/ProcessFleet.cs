using System.Diagnostics;
using System.Globalization;
using Millwright.Hardware.Virtual.Clock;

namespace Millwright.Hardware.Virtual.Fleet;

/// <summary>
/// N boards as N processes (`fleet --process-per-board`), for fault tests: any one can be killed and comes back on its
/// own data directory, as a node does after a power cut. A board process that ends while the fleet runs is started
/// again a second later; with <see cref="FleetOptions.KillEverySeconds"/> the fleet itself SIGKILLs a board chosen at
/// random (from the fleet seed) at that interval. A board that keeps dying right after its start (a wrong option, a
/// broken data directory) is restarted with a doubling delay, up to 30 s, rather than in a tight loop.
/// </summary>
internal sealed class ProcessFleet : IDisposable
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShortLife = TimeSpan.FromSeconds(5);

    private readonly FleetOptions _options;
    private readonly List<ChildBoardProcess> _children = [];
    private readonly Dictionary<ChildBoardProcess, TimeSpan> _exitedAt = [];
    private readonly Dictionary<ChildBoardProcess, TimeSpan> _restartDelay = [];
    private readonly Random _random;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastKill;
    private bool _stopping;

    public ProcessFleet(FleetOptions options, TextWriter output, TextWriter log)
    {
        _options = options;
        _random = new Random(options.Seed);
        IReadOnlyList<string> devices = options.DeviceIds();
        for (int i = 0; i < devices.Count; i++)
        {
            string device = devices[i];
            FleetRegistration.SecretFor(options.DataDirectory, device, output);
            _children.Add(new ChildBoardProcess(device, ChildArguments(device, i + 1), log));
        }
    }

    public IReadOnlyList<ChildBoardProcess> Children => _children;

    public int Kills => _children.Sum(c => c.Kills);

    public int Restarts => _children.Sum(c => Math.Max(0, c.Starts - 1));

    public void Start()
    {
        foreach (ChildBoardProcess child in _children)
        {
            child.Start();
        }
    }

    /// <summary>Restarts ended boards and does the scheduled kills; call it a few times a second.</summary>
    public void Supervise()
    {
        if (_stopping)
        {
            return;
        }

        TimeSpan now = _clock.Elapsed;
        foreach (ChildBoardProcess child in _children)
        {
            if (child.IsRunning)
            {
                _exitedAt.Remove(child);
                continue;
            }

            if (!_exitedAt.TryGetValue(child, out TimeSpan exited))
            {
                _exitedAt[child] = now;
                TimeSpan delay = _restartDelay.GetValueOrDefault(child, RestartDelay);
                bool diedYoung = child.Starts > 0 && DateTime.UtcNow - child.StartedAt < ShortLife && !child.KilledLast;
                _restartDelay[child] = diedYoung ? TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRestartDelay.Ticks)) : RestartDelay;
            }
            else if (now - exited >= _restartDelay[child])
            {
                _exitedAt.Remove(child);
                child.Start();
            }
        }

        if (_options.KillEverySeconds is { } every && now - _lastKill >= TimeSpan.FromSeconds(every))
        {
            _lastKill = now;
            List<ChildBoardProcess> running = _children.Where(c => c.IsRunning).ToList();
            if (running.Count > 0)
            {
                running[_random.Next(running.Count)].Kill();
            }
        }
    }

    public FleetTotals Totals() => FleetTotals.Of(_children.Select(c => c.Figures).ToList());

    public string Extra() => string.Create(CultureInfo.InvariantCulture, $" processes={_children.Count(c => c.IsRunning)} kills={Kills} restarts={Restarts}");

    public void Dispose()
    {
        _stopping = true;
        Parallel.ForEach(_children, child => child.Dispose());
    }

    private List<string> ChildArguments(string device, int index)
    {
        var c = CultureInfo.InvariantCulture;
        var args = new List<string>
        {
            "run",
            "--board", _options.BoardFile,
            "--data-dir", _options.DirectoryOf(device),
            "--device-id", device,
            "--plant", _options.PlantId,
            "--broker", $"{_options.BrokerHost}:{_options.BrokerPort.ToString(c)}",
            "--secret-file", Path.Combine(_options.DirectoryOf(device), FleetRegistration.SecretFileName),
            "--time-scale", _options.TimeScale.ToString("R", c),
            "--seed", _options.SeedOf(index).ToString(c),
            "--status-interval-s", _options.StatusIntervalSeconds.ToString("R", c),
            "--utc", _options.Utc == UtcMode.Host ? "host" : "unsynced",
            "--figures-every-ms", "500",
            "--quiet",
        };
        if (_options.SamplePeriodMilliseconds is { } period)
        {
            args.AddRange(["--sample-period-ms", period.ToString(c)]);
        }

        if (_options.BrokerTls)
        {
            args.Add("--tls");
        }

        if (_options.CaCertificateFile is { } ca)
        {
            args.AddRange(["--ca-file", ca]);
        }

        if (!_options.Console)
        {
            args.Add("--no-console");
        }

        if (!_options.SyncWrites)
        {
            args.Add("--no-fsync");
        }

        if (_options.MachineFile is { } machine)
        {
            args.AddRange(["--machine", machine]);
        }

        return args;
    }
}
