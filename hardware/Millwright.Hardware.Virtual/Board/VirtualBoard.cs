using System.Diagnostics;
using Millwright.Firmware.Board;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Runtime;
using Millwright.Hardware.Virtual.Clock;
using Millwright.Hardware.Virtual.Console;
using Millwright.Hardware.Virtual.Flash;
using Millwright.Hardware.Virtual.Machine;
using Millwright.Hardware.Virtual.Mqtt;

namespace Millwright.Hardware.Virtual.Board;

/// <summary>
/// One virtual board: the unmodified firmware (<see cref="NodeRuntime"/>) on virtual hardware — flash in files, the
/// console on a pseudo-terminal, MQTTnet as the link, sensors and actuators on a simulated machine — driven by
/// <see cref="RunDue"/>, which a scheduler calls when the board's next deadline has come in real time. Each call sets
/// the simulated monotonic clock to that deadline and runs one firmware step (<see cref="VirtualClock"/>). A console
/// `reboot`, a factory reset or a watchdog expiry boots a new runtime on the same flash, console and machine, as a reset
/// chip would. Not thread-safe: one thread at a time runs a board (the scheduler guarantees it); <see cref="Figures"/>
/// and <see cref="RequestMaintenance"/> may be called from anywhere.
/// </summary>
internal sealed class VirtualBoard : IWorldTime, IDisposable
{
    /// <summary>Shortest simulated sleep between steps, so a step that asks for none cannot spin.</summary>
    private const long MinimumSleepMicros = 1000;

    private static readonly long FiguresIntervalTicks = Stopwatch.Frequency / 4;
    private static readonly long HousekeepingIntervalTicks = Stopwatch.Frequency;
    private static readonly long MachineSaveIntervalTicks = Stopwatch.Frequency * 5;

    private readonly VirtualBoardOptions _options;
    private readonly BoardDescription _board;
    private readonly FileRecordStore _store;
    private readonly FileKeyStore _keys;
    private readonly ISerialPort _serial;
    private readonly PseudoTerminal? _pty;
    private readonly ConsoleLink? _consoleLink;
    private readonly VirtualNetwork _network = new();
    private readonly BoardFiguresReader _figuresReader;
    private readonly SimulatedTimeline _timeline;
    private readonly long _maxLagMicros;
    private readonly int _samplePeriodMilliseconds;
    private int _maintenanceRequested;
    private VirtualClock _clock = null!;
    private MqttNetLink _link = null!;
    private VirtualWatchdog _watchdog = null!;
    private VirtualHealthSource _health = null!;
    private NodeRuntime _runtime = null!;
    private long _bootWorld;
    private long _nextDueWorld;
    private long _framesBeforeThisBoot;
    private long _lastFigures;
    private long _lastHousekeeping;
    private long _lastMachineSave;
    private BoardFigures _figures;
    private bool _disposed;

    private VirtualBoard(VirtualBoardOptions options, long realStartTicks)
    {
        _options = options;
        (_board, BoardWiring wiring) = VirtualBoardFile.Load(options.BoardFile, options.SamplePeriodMilliseconds);
        Directory.CreateDirectory(options.DataDirectory);
        _store = new FileRecordStore(options.FlashDirectory, options.FlashCapacityBytes, options.SyncWrites);
        _keys = new FileKeyStore(_store);
        _figuresReader = new BoardFiguresReader(_store);
        BoardProvisioner.Apply(_store, _keys, options);

        MachineSnapshot? saved = MachineStateFile.Read(options.MachineStatePath);
        Machine = saved is null ? new SimulatedMachine(options.Machine, options.Seed) : SimulatedMachine.Restore(options.Machine, options.Seed, saved);
        _timeline = new SimulatedTimeline(options.TimeScale, saved?.TimeMicros ?? 0, realStartTicks);
        _maxLagMicros = (long)(options.MaxLagSeconds * 1_000_000 * options.TimeScale);
        _samplePeriodMilliseconds = options.SamplePeriodMilliseconds ?? _board.DefaultSamplePeriodMilliseconds;
        Io = new VirtualBoardIo(_board, wiring, Machine, this, options.Seed);

        if (options.Console)
        {
            _pty = PseudoTerminal.Open();
            _serial = _pty;
            _consoleLink = new ConsoleLink(_pty.SlavePath, options.ConsoleLinkPath, options.ConsolePathFile);
        }
        else
        {
            _serial = new NullSerialPort();
        }

        _figures = BoardFigures.Empty(options.DeviceId ?? "(unprovisioned)");
        _bootWorld = _timeline.WorldAt(realStartTicks);
        Boot("power-on");
    }

    public SimulatedMachine Machine { get; }

    public VirtualBoardIo Io { get; }

    public NodeRuntime Runtime => _runtime;

    public VirtualClock Clock => _clock;

    public FileRecordStore Store => _store;

    public BoardDescription Description => _board;

    /// <summary>The console's pseudo-terminal (/dev/pts/N), or null without a console.</summary>
    public string? ConsolePath => _pty?.SlavePath;

    public int Boots { get; private set; }

    public string LastResetReason { get; private set; } = "power-on";

    /// <summary>Real time (Stopwatch ticks) at which <see cref="RunDue"/> should next be called.</summary>
    public long NextDueTicks { get; private set; }

    public long WorldMicros => _bootWorld + _clock.MonotonicMicros;

    public BoardFigures Figures => Volatile.Read(ref _figures);

    public static VirtualBoard Create(VirtualBoardOptions options) => new(options, Stopwatch.GetTimestamp());

    /// <summary>A technician services the machine; done at the board's next step (thread-safe).</summary>
    public void RequestMaintenance() => Interlocked.Exchange(ref _maintenanceRequested, 1);

    /// <summary>Runs the board's due step at real time <paramref name="nowTicks"/>; returns when the next one is due.</summary>
    public long RunDue(long nowTicks)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long worldNow = _timeline.WorldAt(nowTicks);

        // On time or catching up, the step runs at its deadline; only a board further behind than the lag bound skips ahead.
        long target = Math.Max(_nextDueWorld, worldNow - _maxLagMicros);
        _clock.AdvanceTo(target - _bootWorld);
        long sleep = _runtime.Step();

        if (_health.RebootRequested)
        {
            Reboot("software");
        }
        else if (_watchdog.HasExpired(Stopwatch.GetTimestamp()))
        {
            Reboot("watchdog");
        }

        Housekeeping(nowTicks);
        _nextDueWorld = WorldMicros + Math.Max(sleep, MinimumSleepMicros);
        NextDueTicks = _timeline.RealAt(_nextDueWorld);
        return NextDueTicks;
    }

    /// <summary>Power off: the broker publishes the node's Will; the machine's state is saved; the console goes away.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _link.Abort();
        SaveMachine();
        _consoleLink?.Dispose();
        _pty?.Dispose();
    }

    private void Boot(string resetReason)
    {
        Boots++;
        LastResetReason = resetReason;
        _clock = new VirtualClock(_options.Utc, VirtualClock.HostUtcMicros);
        _link = new MqttNetLink(_options.MqttTimeout);
        _watchdog = new VirtualWatchdog(_options.TimeScale);
        _health = new VirtualHealthSource(resetReason);
        var hardware = new NodeHardware
        {
            Clock = _clock,
            Store = _store,
            Link = _link,
            Serial = _serial,
            Watchdog = _watchdog,
            KeyStore = _keys,
            Health = _health,
            Network = _network,
            BoardIo = Io,
            Board = _board,
            Random = new Random(unchecked((_options.Seed * 31) + Boots)),
        };
        NodeRuntimeOptions runtimeOptions = ScaledRuntimeOptions.Create(_options.TimeScale, _options.StatusIntervalSeconds, _samplePeriodMilliseconds);
        runtimeOptions.Session.CaCertificatePem = _options.CaCertificatePem;
        _runtime = new NodeRuntime(hardware, runtimeOptions);
        _runtime.Start();
        _nextDueWorld = _bootWorld;
        NextDueTicks = _timeline.RealAt(_nextDueWorld);
    }

    private void Reboot(string reason)
    {
        _framesBeforeThisBoot += _runtime.FramesRecorded;
        _link.Abort();
        _bootWorld = WorldMicros;
        Boot(reason);
    }

    private void Housekeeping(long nowTicks)
    {
        if (Interlocked.Exchange(ref _maintenanceRequested, 0) == 1 ||
            (nowTicks - _lastHousekeeping >= HousekeepingIntervalTicks && MaintenanceTrigger.Take(_options.MaintenanceRequestPath)))
        {
            Machine.Maintain(WorldMicros);
        }

        if (nowTicks - _lastHousekeeping >= HousekeepingIntervalTicks)
        {
            _lastHousekeeping = nowTicks;
        }

        if (nowTicks - _lastMachineSave >= MachineSaveIntervalTicks)
        {
            _lastMachineSave = nowTicks;
            SaveMachine();
        }

        if (nowTicks - _lastFigures >= FiguresIntervalTicks)
        {
            _lastFigures = nowTicks;
            Volatile.Write(ref _figures, _figuresReader.Read(_runtime, Machine.ReadAt(WorldMicros), Machine, _framesBeforeThisBoot, Boots, WorldMicros));
        }
    }

    private void SaveMachine()
    {
        try
        {
            MachineStateFile.Write(_options.MachineStatePath, Machine.Snapshot());
        }
        catch (IOException)
        {
            // The next save retries; losing a few seconds of machine history is harmless.
        }
    }
}
