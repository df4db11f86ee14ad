namespace Millwright.Hardware.Virtual.Machine;

/// <summary>
/// The machine a virtual board watches (docs/virtual-board.md, "The simulated machine"). Speed and load come from the
/// board's actuators (or defaults and a production program when no actuator drives them); the housing temperature
/// follows them with first-order thermal inertia; current and vibration grow with load and with wear; wear grows
/// with load (faster when hot); random failures come with a hazard that rises exponentially with wear and leave the
/// machine broken (stopped) until maintenance, which resets the wear. The state advances in fixed steps of simulated
/// time, drawing a fixed number of random numbers per step from one seeded source, so a machine's path is reproducible
/// from its seed and the times its inputs change. Thread-safe: sensors, actuators and the status line may call it.
/// The controller never reads it: it sees only the signed frames of the board's sensors.
/// </summary>
internal sealed class SimulatedMachine
{
    private readonly object _sync = new();
    private readonly MachineParameters _p;
    private readonly int _seed;
    private readonly long _stepMicros;
    private readonly double _stepSeconds;
    private readonly double _thermalAlpha;
    private readonly Random _random;
    private readonly ProductionProgram? _program;
    private long _time;
    private long _steps;
    private MachineCondition _condition;
    private double _temperature;
    private double _wear;
    private double _pressureOffset;
    private double _maintenanceRemaining;
    private double _speed;
    private double _load;
    private double _coolant;
    private double _extraction;
    private bool _speedDriven;
    private bool _loadDriven;

    public SimulatedMachine(MachineParameters parameters, int seed, long startMicros = 0)
        : this(parameters, seed, startMicros, 0)
    {
        _temperature = _p.AmbientTemperatureC;
        _wear = _p.InitialWear;
        _speed = _p.DefaultSpeed;
        _load = _p.DefaultLoad;
        _program = _p.ProductionProgram ? new ProductionProgram(_p, _random) : null;
        _condition = _speed > 0 ? MachineCondition.Running : MachineCondition.Idle;
    }

    private SimulatedMachine(MachineParameters parameters, int seed, long startMicros, long steps)
    {
        parameters.Validate();
        _p = parameters;
        _seed = seed;
        _stepSeconds = parameters.StepSeconds;
        _stepMicros = (long)(parameters.StepSeconds * 1_000_000);
        _thermalAlpha = 1.0 - Math.Exp(-_stepSeconds / parameters.ThermalTimeConstantSeconds);
        _random = new Random(unchecked(seed ^ (int)(steps * 0x9E3779B1L)));
        _time = startMicros;
        _steps = steps;
    }

    private SimulatedMachine(MachineParameters parameters, int seed, MachineSnapshot snapshot)
        : this(parameters, seed, snapshot.TimeMicros, snapshot.Steps)
    {
        _condition = snapshot.Condition;
        _temperature = snapshot.TemperatureC;
        _wear = snapshot.Wear;
        _pressureOffset = snapshot.PressureOffsetHpa;
        _maintenanceRemaining = snapshot.MaintenanceRemainingSeconds;
        _speed = snapshot.Speed;
        _load = snapshot.Load;
        _coolant = snapshot.Coolant;
        _extraction = snapshot.Extraction;
        _speedDriven = snapshot.SpeedDriven;
        _loadDriven = snapshot.LoadDriven;
        _program = _p.ProductionProgram ? new ProductionProgram(_p, snapshot.ProgramLoad, snapshot.ProgramRemainingSeconds, snapshot.ProgramInJob) : null;
        Failures = snapshot.Failures;
        Maintenances = snapshot.Maintenances;
    }

    public MachineParameters Parameters => _p;

    public int Seed => _seed;

    public long Failures { get; private set; }

    public long Maintenances { get; private set; }

    /// <summary>The machine as a snapshot left it (random source reseeded from the seed and the step count).</summary>
    public static SimulatedMachine Restore(MachineParameters parameters, int seed, MachineSnapshot snapshot) => new(parameters, seed, snapshot);

    /// <summary>Says that an actuator drives <paramref name="input"/>: from now on only <see cref="SetInput"/> changes it.</summary>
    public void DriveBy(MachineInput input)
    {
        lock (_sync)
        {
            if (input == MachineInput.Speed)
            {
                _speedDriven = true;
            }
            else if (input == MachineInput.Load)
            {
                _loadDriven = true;
            }
        }
    }

    /// <summary>An actuator moved: the new value counts from the next step after <paramref name="atMicros"/>.</summary>
    public void SetInput(MachineInput input, double value, long atMicros)
    {
        double level = Math.Clamp(value, 0, 1);
        lock (_sync)
        {
            AdvanceLocked(atMicros);
            switch (input)
            {
                case MachineInput.Speed:
                    _speedDriven = true;
                    _speed = level;
                    break;
                case MachineInput.Load:
                    _loadDriven = true;
                    _load = level;
                    break;
                case MachineInput.Coolant:
                    _coolant = level;
                    break;
                case MachineInput.Extraction:
                    _extraction = level;
                    break;
            }
        }
    }

    /// <summary>A technician services the machine: wear reset, any failure repaired, stopped for the maintenance time.</summary>
    public void Maintain(long atMicros)
    {
        lock (_sync)
        {
            AdvanceLocked(atMicros);
            _wear = _p.WearAfterMaintenance;
            Maintenances++;
            _maintenanceRemaining = _p.MaintenanceSeconds;
            _condition = _maintenanceRemaining > 0 ? MachineCondition.Maintenance : ConditionFromSpeed();
        }
    }

    public void AdvanceTo(long micros)
    {
        lock (_sync)
        {
            AdvanceLocked(micros);
        }
    }

    public MachineReading ReadAt(long micros)
    {
        lock (_sync)
        {
            AdvanceLocked(micros);
            double speed = EffectiveSpeed();
            double load = EffectiveLoad(speed);
            double current = (speed * _p.IdleCurrentA) + (_p.FullLoadCurrentA * speed * load * (1 + (_p.CurrentWearGain * _wear)));
            double vibration = speed * speed * (_p.VibrationBaseG + (_p.VibrationWearG * Math.Pow(_wear, _p.VibrationWearExponent))) *
                (1 + (_p.VibrationLoadGain * load));
            double humidity = Math.Clamp(_p.AmbientHumidityPercent * Math.Exp(-_p.HumidityTemperatureCoefficient * (_temperature - _p.AmbientTemperatureC)), 0, 100);
            return new MachineReading(
                micros, _condition, speed, load, _temperature, humidity, _p.PressureHpa + _pressureOffset, current, vibration,
                _p.SupplyVoltageV - (0.02 * current), _wear);
        }
    }

    public MachineSnapshot Snapshot()
    {
        lock (_sync)
        {
            return new MachineSnapshot
            {
                TimeMicros = _time,
                Steps = _steps,
                Condition = _condition,
                TemperatureC = _temperature,
                Wear = _wear,
                PressureOffsetHpa = _pressureOffset,
                MaintenanceRemainingSeconds = _maintenanceRemaining,
                Speed = _speed,
                Load = _load,
                Coolant = _coolant,
                Extraction = _extraction,
                SpeedDriven = _speedDriven,
                LoadDriven = _loadDriven,
                ProgramLoad = _program?.Load ?? 0,
                ProgramRemainingSeconds = _program?.RemainingSeconds ?? 0,
                ProgramInJob = _program?.InJob ?? false,
                Failures = Failures,
                Maintenances = Maintenances,
            };
        }
    }

    private void AdvanceLocked(long micros)
    {
        while (_time + _stepMicros <= micros)
        {
            Step();
            _time += _stepMicros;
            _steps++;
        }
    }

    private void Step()
    {
        // Always the same draws per step, whatever the state, so two machines of one seed stay comparable.
        double failureDraw = _random.NextDouble();
        double weather = Gaussian();
        if (!_loadDriven && _program is not null)
        {
            _program.Advance(_stepSeconds, _random);
        }

        double speed = EffectiveSpeed();
        double load = EffectiveLoad(speed);

        double cooling = (_coolant >= 0.5 ? _p.CoolantRiseFactor : 1.0) * (1.0 - (_p.ExtractionCooling * _extraction));
        double rise = ((_p.IdleHeatRiseC * speed) + (_p.LoadHeatRiseC * speed * load) + (_p.WearHeatRiseC * _wear * speed)) * cooling;
        _temperature += (_p.AmbientTemperatureC + rise - _temperature) * _thermalAlpha;

        double hours = _stepSeconds / 3600.0;
        double heat = 1.0 + (_p.WearHeatGain * Math.Max(0, _temperature - _p.WearHeatThresholdC));
        _wear += _p.WearPerHourAtFullLoad * speed * Math.Pow(load, _p.WearLoadExponent) * heat * hours;

        _pressureOffset = Math.Clamp(_pressureOffset + (weather * _p.PressureWalkHpaPerSqrtHour * Math.Sqrt(hours)), -_p.PressureWalkLimitHpa, _p.PressureWalkLimitHpa);

        if (_condition == MachineCondition.Maintenance)
        {
            _maintenanceRemaining -= _stepSeconds;
            if (_maintenanceRemaining <= 0)
            {
                _maintenanceRemaining = 0;
                _condition = ConditionFromSpeed();
            }
        }
        else if (_condition != MachineCondition.Broken)
        {
            _condition = ConditionFromSpeed();
            if (_condition == MachineCondition.Running && failureDraw < FailureProbability(hours))
            {
                _condition = MachineCondition.Broken;
                Failures++;
            }
        }
    }

    /// <summary>P(failure within the step) of a Poisson process with hazard base · e^(gain · wear) per hour.</summary>
    private double FailureProbability(double hours) => 1.0 - Math.Exp(-_p.BaseHazardPerHour * Math.Exp(_p.HazardWearGain * _wear) * hours);

    private double EffectiveSpeed() => _condition is MachineCondition.Broken or MachineCondition.Maintenance ? 0 : _speedDriven ? _speed : _p.DefaultSpeed;

    private double EffectiveLoad(double speed)
    {
        if (speed <= 0)
        {
            return 0;
        }

        return _loadDriven ? _load : _program?.Load ?? _p.DefaultLoad;
    }

    private MachineCondition ConditionFromSpeed() => (_speedDriven ? _speed : _p.DefaultSpeed) > 0 ? MachineCondition.Running : MachineCondition.Idle;

    private double Gaussian()
    {
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
