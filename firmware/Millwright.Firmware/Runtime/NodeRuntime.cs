using System;
using Millwright.Firmware.Commands;
using Millwright.Firmware.Components;
using Millwright.Firmware.Console;
using Millwright.Firmware.Framing;
using Millwright.Firmware.Health;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Mqtt;
using Millwright.Firmware.Sampling;
using Millwright.Firmware.Settings;
using Millwright.Protocol.Messages;

namespace Millwright.Firmware.Runtime;

/// <summary>
/// The node: every part wired from the board's hardware (issue 3), driven by one non-blocking <see cref="Step"/> that
/// the board's main thread calls in a loop, sleeping for the µs it returns. Boot order puts the machine first:
/// watchdog armed, actuators safe, then sensors, outbox and console, and only then whatever the node's provisioning
/// allows (<see cref="NodeMode"/>). Every stage of a step runs even when another throws; the watchdog is fed only while
/// steps complete (<see cref="LoopWatchdog"/>, <see cref="LoopFaults"/>). After warm-up a step allocates nothing.
/// </summary>
public sealed class NodeRuntime
{
    private const string StageConsole = "console";
    private const string StageConfiguration = "configuration";
    private const string StageSampling = "sampling";
    private const string StageCommands = "commands";
    private const string StageSession = "mqtt";

    private readonly NodeHardware _hw;
    private readonly NodeRuntimeOptions _options;
    private readonly IClock _clock;
    private readonly LoopWatchdog _watchdog;
    private readonly LoopFaults _faults;
    private readonly SettingsStore _settings;
    private readonly CommandResultRelay _relay = new CommandResultRelay();
    private readonly ConfigurationChangeFlag _changes = new ConfigurationChangeFlag();
    private readonly ClockSync _clockSync;
    private readonly Frame _frame = new Frame();
    private readonly NodeStorage _storage;
    private readonly RebootLatch _reboot;
    private DeviceSettings _active;
    private ControllerLinkFanOut _fanOut;
    private NodeProvisioning _provisioning;
    private bool _failSafeReported;

    public NodeRuntime(NodeHardware hardware, NodeRuntimeOptions options)
    {
        if (hardware == null || options == null)
        {
            throw new ArgumentException("node runtime needs hardware and options");
        }

        hardware.Validate();
        options.Validate();
        _hw = hardware;
        _options = options;
        _clock = hardware.Clock;
        _watchdog = new LoopWatchdog(hardware.Watchdog, options.WatchdogTimeoutMilliseconds);
        _faults = new LoopFaults(options.MaxFaultyIterations);
        _settings = new SettingsStore(hardware.Store);
        _clockSync = new ClockSync(hardware.Clock, options.ControllerResyncMicros);
        _storage = new NodeStorage(hardware.Store, options);
        _reboot = new RebootLatch(hardware.Health);
    }

    public bool IsStarted { get; private set; }

    public NodeMode Mode
    {
        get { return _provisioning == null ? NodeMode.ConsoleOnly : _provisioning.Mode; }
    }

    public ComponentRegistry Components { get; private set; }

    /// <summary>Null when the board description could not be turned into a sampling plan (listed as failed component "sampler").</summary>
    public Sampler Sampler { get; private set; }

    public CommandExecutor Executor { get; private set; }

    public HealthReporter Health { get; private set; }

    public ServiceConsole Console { get; private set; }

    /// <summary>Null until the node is fully provisioned.</summary>
    public MqttSession Session
    {
        get { return _provisioning == null ? null : _provisioning.Session; }
    }

    public NodeStorage Storage
    {
        get { return _storage; }
    }

    public LoopWatchdog Watchdog
    {
        get { return _watchdog; }
    }

    public LoopFaults Faults
    {
        get { return _faults; }
    }

    public ClockSync ClockSync
    {
        get { return _clockSync; }
    }

    /// <summary>What the MQTT session reported: connection state and acks received.</summary>
    public ControllerLinkFanOut ControllerLink
    {
        get { return _fanOut; }
    }

    public long Steps { get; private set; }

    /// <summary>The console asked for a reboot: steps do nothing more and the watchdog is no longer fed.</summary>
    public bool RebootRequested
    {
        get { return _reboot.Requested; }
    }

    /// <summary>Frames signed into the outbox since boot.</summary>
    public long FramesRecorded { get; private set; }

    /// <summary>Ticks sampled while the node could not sign (no secret or device id): the readings only fed health.</summary>
    public long FramesNotRecorded { get; private set; }

    /// <summary>Boots the node (once). Allocates what every later step reuses.</summary>
    public void Start()
    {
        if (IsStarted)
        {
            throw new InvalidOperationException("node already started");
        }

        long now = _clock.MonotonicMicros;
        _watchdog.Start();
        _settings.Load();
        _active = _settings.Active;

        // Actuators to their safe values before anything else can fail or take time.
        Executor = new CommandExecutor(_hw.Board, _hw.BoardIo, _clock, _hw.Store, _relay, FailSafeTimeout(_active));
        Executor.Setup();
        _fanOut = new ControllerLinkFanOut(Executor, _clockSync);

        Components = ComponentRegistry.FromBoard(_hw.Board, _hw.BoardIo, 2, _options.SensorRetryMinMicros, _options.SensorRetryMaxMicros);
        Components.SetupAll(now);
        string samplingProblem;
        Sampler = BuildSampler(_active, now, out samplingProblem);
        if (samplingProblem != null)
        {
            AddStartupFailure("sampler", samplingProblem, now);
        }

        string storageProblem = _storage.Open();
        if (storageProblem != null)
        {
            AddStartupFailure("outbox", storageProblem, now);
        }

        Health = new HealthReporter(
            _hw.Board.Name, Sampler == null ? new int[0] : Sampler.CopyChannelIds(), _storage.BootCounter, Components, _clock, _hw.Health, _hw.Network, _storage.Gauge);
        Health.SetSafetyView(Executor);
        Console = new ServiceConsole(ConsoleWiring.For(_hw, _reboot, _settings, _storage, Health, Executor, _changes));
        if (_active.WifiSsid.Length > 0)
        {
            _hw.Network.Configure(_active.WifiSsid, _active.WifiPassword);
        }

        _provisioning = new NodeProvisioning(_hw, _options, _storage, Executor, _fanOut, _relay, Health);
        _provisioning.Apply(_active, _frame);
        IsStarted = true;
    }

    /// <summary>
    /// One pass of the main loop: console, configuration changes, sensor recovery, sampling into the outbox, commands and
    /// fail-safe, MQTT session, watchdog. Never waits. Returns the µs the board may sleep before the next step.
    /// </summary>
    public long Step()
    {
        if (!IsStarted)
        {
            throw new InvalidOperationException("start the node before stepping it");
        }

        long now = _clock.MonotonicMicros;
        if (!_reboot.Requested)
        {
            try { Console.Update(); } catch (Exception e) { _faults.Note(StageConsole, e); }
        }

        if (_reboot.Requested)
        {
            return _options.MaxSleepMicros;
        }

        if (_changes.Take())
        {
            try { ApplyConfiguration(now); } catch (Exception e) { _faults.Note(StageConfiguration, e); }
        }

        Components.UpdateAll(now);
        try { SampleAndRecord(); } catch (Exception e) { _faults.Note(StageSampling, e); }
        try { Executor.Update(); } catch (Exception e) { _faults.Note(StageCommands, e); }
        MqttSession session = _provisioning.Session;
        if (session != null)
        {
            try
            {
                // The fail-safe engaging or releasing is reported at once, not at the next periodic status.
                bool failSafe = Executor.FailSafeEngaged;
                if (failSafe != _failSafeReported && session.PublishStatus(_clock.MonotonicMicros))
                {
                    _failSafeReported = failSafe;
                }

                session.Update(_clock.MonotonicMicros);
            }
            catch (Exception e)
            {
                _faults.Note(StageSession, e);
            }
        }

        Steps++;
        if (_faults.EndIteration())
        {
            _watchdog.CompleteIteration();
        }

        _watchdog.FeedIfProgressed();
        return SleepMicros();
    }

    private void SampleAndRecord()
    {
        if (Sampler == null || !Sampler.Poll(_frame))
        {
            return;
        }

        FramePipeline pipeline = _provisioning.Pipeline;
        if (pipeline == null)
        {
            FramesNotRecorded++;
            return;
        }

        pipeline.Append(_frame);
        FramesRecorded++;
    }

    private long SleepMicros()
    {
        long sleep = _options.MaxSleepMicros < _watchdog.MaxSleepMicros ? _options.MaxSleepMicros : _watchdog.MaxSleepMicros;
        if (Sampler != null)
        {
            long untilTick = Sampler.MicrosUntilNextTick(_clock.MonotonicMicros);
            sleep = untilTick < sleep ? untilTick : sleep;
        }

        return sleep;
    }

    private void ApplyConfiguration(long now)
    {
        DeviceSettings before = _active;
        _active = _settings.Active;
        _provisioning.Apply(_active, _frame);
        if (before.SamplePeriodMilliseconds != _active.SamplePeriodMilliseconds && Sampler != null)
        {
            // The new grid starts now. A period the board cannot take keeps the old sampler running (the validator
            // and the sampling plan agree on the range, so this is a board-specific limit, reported as a fault).
            string problem;
            Sampler rebuilt = BuildSampler(_active, now, out problem);
            if (rebuilt == null)
            {
                throw new ArgumentException("sampling period not applied: " + problem);
            }

            Sampler = rebuilt;
        }
    }

    private Sampler BuildSampler(DeviceSettings settings, long now, out string problem)
    {
        problem = null;
        try
        {
            var sampler = new Sampler(SamplingPlan.Build(_hw.Board, Components, settings.SamplePeriodMilliseconds), _clock);
            sampler.Start(now);
            return sampler;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private void AddStartupFailure(string name, string reason, long now)
    {
        if (Components.Find(name) == null && Components.Count < Components.Capacity)
        {
            var failure = new StartupFailure(name, reason);
            Components.Add(failure);
            failure.Setup(now);
        }
    }

    private int FailSafeTimeout(DeviceSettings settings)
    {
        if (_options.ControllerTimeoutMilliseconds > 0)
        {
            return _options.ControllerTimeoutMilliseconds;
        }

        int period = settings.SamplePeriodMilliseconds > 0 ? settings.SamplePeriodMilliseconds : _hw.Board.DefaultSamplePeriodMilliseconds;
        return FailSafeMonitor.DefaultTimeoutFor(period);
    }
}
