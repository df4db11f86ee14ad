using Millwright.Hardware.Virtual.Machine;

namespace Millwright.Hardware.Virtual.Tests.Machine;

/// <summary>The machine model on its own, in simulated time (no clock, no board): every claim of docs/virtual-board.md's model.</summary>
public sealed class SimulatedMachineTests
{
    private const long Second = 1_000_000;
    private const long Hour = 3600 * Second;

    [Fact]
    public void The_same_seed_and_the_same_inputs_give_the_same_path_and_another_seed_another()
    {
        MachineReading[] first = Path(seed: 7);
        MachineReading[] again = Path(seed: 7);
        MachineReading[] other = Path(seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);

        static MachineReading[] Path(int seed)
        {
            var machine = new SimulatedMachine(new MachineParameters { BaseHazardPerHour = 0.05 }, seed);
            var readings = new List<MachineReading>();
            for (long t = 0; t <= 20 * Hour; t += 10 * 60 * Second)
            {
                if (t == 5 * Hour)
                {
                    machine.SetInput(MachineInput.Coolant, 1, t);
                }

                readings.Add(machine.ReadAt(t));
            }

            return [.. readings];
        }
    }

    [Fact]
    public void Reading_more_or_less_often_does_not_change_the_path()
    {
        var often = new SimulatedMachine(new MachineParameters(), 3);
        var seldom = new SimulatedMachine(new MachineParameters(), 3);
        for (long t = 0; t < 2 * Hour; t += 250_000)
        {
            often.ReadAt(t);
        }

        Assert.Equal(often.ReadAt(2 * Hour), seldom.ReadAt(2 * Hour));
    }

    [Fact]
    public void Wear_grows_with_load_and_not_without_it()
    {
        double[] loads = [0, 0.3, 0.6, 0.9];
        double[] wear = loads.Select(load =>
        {
            var machine = new SimulatedMachine(new MachineParameters { BaseHazardPerHour = 0 }, 1);
            machine.SetInput(MachineInput.Load, load, 0);
            return machine.ReadAt(10 * Hour).Wear;
        }).ToArray();

        Assert.Equal(0, wear[0]);
        Assert.True(wear[1] > 0);
        Assert.True(wear[2] > wear[1] && wear[3] > wear[2], string.Join(", ", wear));
        // At least the load exponent's growth (1.5): heat only adds to it.
        Assert.True(wear[3] / wear[1] >= Math.Pow(3, 1.5) * 0.999, $"0.9 vs 0.3: {wear[3] / wear[1]:F2}");
        // 10 h at 0.3 load, cool: 10 · 0.02 · 0.3^1.5 ≈ 0.0329.
        Assert.Equal(10 * 0.02 * Math.Pow(0.3, 1.5), wear[1], 4);
    }

    [Fact]
    public void The_failure_hazard_rises_with_wear_as_the_model_says()
    {
        // λ(w) = base · e^(gain · w) per hour while running; P(failure within 5 h) = 1 − e^(−5λ).
        var parameters = new Func<double, MachineParameters>(wear => new MachineParameters
        {
            StepSeconds = 10,
            BaseHazardPerHour = 0.01,
            HazardWearGain = 3,
            InitialWear = wear,
            WearPerHourAtFullLoad = 0,
            ProductionProgram = false,
        });
        const int Machines = 300;
        double[] wears = [0, 0.5, 1.0];
        int[] failed = wears.Select(w => Enumerable.Range(0, Machines)
            .Count(seed => new SimulatedMachine(parameters(w), 1000 + seed).ReadAt(5 * Hour).Condition == MachineCondition.Broken)).ToArray();

        Assert.True(failed[0] < failed[1] && failed[1] < failed[2], string.Join(", ", failed));
        for (int i = 0; i < wears.Length; i++)
        {
            double p = 1 - Math.Exp(-5 * 0.01 * Math.Exp(3 * wears[i]));
            double sigma = Math.Sqrt(Machines * p * (1 - p));
            Assert.InRange(failed[i], (Machines * p) - (4 * sigma), (Machines * p) + (4 * sigma));
        }
    }

    [Fact]
    public void A_failure_stops_the_machine_until_maintenance_resets_its_wear()
    {
        var machine = new SimulatedMachine(new MachineParameters { InitialWear = 1.5, BaseHazardPerHour = 0.001, HazardWearGain = 8, MaintenanceSeconds = 600 }, 11);
        long t = 0;
        while (machine.ReadAt(t).Condition != MachineCondition.Broken)
        {
            t += 60 * Second;
            Assert.True(t < 24 * Hour, "no failure within a day at a hazard of 163 per hour");
        }

        MachineReading broken = machine.ReadAt(t + Hour);
        Assert.Equal(MachineCondition.Broken, broken.Condition);
        Assert.Equal(0, broken.Speed);
        Assert.Equal(0, broken.CurrentA);
        Assert.Equal(0, broken.VibrationAmplitudeG);
        Assert.Equal(1, machine.Failures);

        machine.Maintain(t + Hour);
        MachineReading servicing = machine.ReadAt(t + Hour + (5 * 60 * Second));
        Assert.Equal(MachineCondition.Maintenance, servicing.Condition);
        Assert.Equal(0, servicing.Wear);
        MachineReading after = machine.ReadAt(t + Hour + (11 * 60 * Second));
        Assert.Equal(MachineCondition.Running, after.Condition);
        Assert.True(after.CurrentA > 0);
        Assert.Equal(1, machine.Maintenances);
    }

    [Fact]
    public void Temperature_follows_a_load_step_as_a_first_order_system()
    {
        var parameters = new MachineParameters { ProductionProgram = false, DefaultLoad = 0.5, BaseHazardPerHour = 0, WearPerHourAtFullLoad = 0 };
        var machine = new SimulatedMachine(parameters, 1);
        double tau = parameters.ThermalTimeConstantSeconds;
        double ambient = parameters.AmbientTemperatureC;
        double final = ambient + parameters.IdleHeatRiseC + (parameters.LoadHeatRiseC * 0.5);

        // From ambient, T(t) = T∞ − (T∞ − T0)·e^(−t/τ): 63.2 % of the step after τ, 86.5 % after 2τ, 95 % after 3τ.
        foreach (double multiple in new[] { 1.0, 2.0, 3.0 })
        {
            double expected = final - ((final - ambient) * Math.Exp(-multiple));
            Assert.Equal(expected, machine.ReadAt((long)(multiple * tau * Second)).TemperatureC, 6);
        }

        // A step in the coolant: the same law towards the lower end temperature.
        long at = (long)(3 * tau * Second);
        double start = machine.ReadAt(at).TemperatureC;
        machine.SetInput(MachineInput.Coolant, 1, at);
        double cooled = ambient + ((parameters.IdleHeatRiseC + (parameters.LoadHeatRiseC * 0.5)) * parameters.CoolantRiseFactor);
        Assert.Equal(cooled + ((start - cooled) * Math.Exp(-1)), machine.ReadAt(at + (long)(tau * Second)).TemperatureC, 6);
    }

    [Fact]
    public void Current_and_vibration_grow_with_wear_and_with_load()
    {
        MachineReading At(double wear, double load)
        {
            var machine = new SimulatedMachine(new MachineParameters { InitialWear = wear, WearPerHourAtFullLoad = 0, BaseHazardPerHour = 0 }, 1);
            machine.SetInput(MachineInput.Load, load, 0);
            return machine.ReadAt(Second);
        }

        Assert.True(At(1, 0.5).CurrentA > At(0, 0.5).CurrentA);
        Assert.True(At(1, 0.5).VibrationAmplitudeG > 3 * At(0, 0.5).VibrationAmplitudeG);
        Assert.True(At(0, 0.9).CurrentA > At(0, 0.3).CurrentA);
        Assert.True(At(0, 0.9).VibrationAmplitudeG > At(0, 0.3).VibrationAmplitudeG);
    }

    [Fact]
    public void Speed_drives_current_and_vibration_and_zero_speed_stops_the_machine()
    {
        var machine = new SimulatedMachine(new MachineParameters { BaseHazardPerHour = 0 }, 1);
        machine.SetInput(MachineInput.Load, 0.6, 0);
        machine.SetInput(MachineInput.Speed, 1, 0);
        MachineReading full = machine.ReadAt(10 * Second);
        machine.SetInput(MachineInput.Speed, 0.5, 10 * Second);
        MachineReading half = machine.ReadAt(20 * Second);
        machine.SetInput(MachineInput.Speed, 0, 20 * Second);
        MachineReading stopped = machine.ReadAt(30 * Second);

        Assert.True(half.CurrentA < full.CurrentA && half.VibrationAmplitudeG < full.VibrationAmplitudeG / 3);
        Assert.Equal(MachineCondition.Idle, stopped.Condition);
        Assert.Equal(0, stopped.CurrentA);
        Assert.Equal(0, stopped.VibrationAmplitudeG);
    }

    [Fact]
    public void A_snapshot_restores_the_machine_as_it_was()
    {
        var machine = new SimulatedMachine(new MachineParameters { InitialWear = 0.4 }, 5);
        machine.SetInput(MachineInput.Coolant, 1, Hour);
        machine.Maintain(2 * Hour);
        MachineReading before = machine.ReadAt(3 * Hour);

        var restored = SimulatedMachine.Restore(new MachineParameters { InitialWear = 0.4 }, 5, machine.Snapshot());

        MachineReading after = restored.ReadAt(3 * Hour);
        Assert.Equal(before, after);
        Assert.Equal(machine.Maintenances, restored.Maintenances);
        Assert.Equal(machine.Snapshot(), restored.Snapshot());
    }
}
