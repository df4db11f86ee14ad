namespace Millwright.Hardware.Virtual.Machine;

/// <summary>
/// The load of a machine whose load no actuator drives: jobs of random load (uniform between the job bounds) and
/// exponentially distributed length, separated by pauses at a low load. It gives the stored history the variation
/// that health models learn from. Draws only from the machine's random source, so it is reproducible by seed.
/// </summary>
internal sealed class ProductionProgram
{
    private readonly MachineParameters _parameters;

    public ProductionProgram(MachineParameters parameters, Random random)
    {
        _parameters = parameters;
        StartJob(random);
    }

    public ProductionProgram(MachineParameters parameters, double load, double remainingSeconds, bool inJob)
    {
        _parameters = parameters;
        Load = load;
        RemainingSeconds = remainingSeconds;
        InJob = inJob;
    }

    public double Load { get; private set; }

    public double RemainingSeconds { get; private set; }

    public bool InJob { get; private set; }

    public void Advance(double seconds, Random random)
    {
        RemainingSeconds -= seconds;
        if (RemainingSeconds > 0)
        {
            return;
        }

        if (InJob)
        {
            InJob = false;
            Load = _parameters.BetweenJobsLoad;
            RemainingSeconds = Exponential(random, _parameters.BetweenJobsMeanSeconds);
        }
        else
        {
            StartJob(random);
        }
    }

    private void StartJob(Random random)
    {
        InJob = true;
        Load = _parameters.JobLoadMin + (random.NextDouble() * (_parameters.JobLoadMax - _parameters.JobLoadMin));
        RemainingSeconds = Exponential(random, _parameters.JobMeanSeconds);
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1.0 - random.NextDouble());
}
