using System.Text.Json;
using System.Text.Json.Serialization;

namespace Millwright.Hardware.Virtual.Machine;

/// <summary>
/// Every constant of the simulated machine, with its default. docs/virtual-board.md lists them with their meaning; a
/// JSON file with any subset of these properties (camelCase) overrides the defaults (<c>--machine FILE</c>).
/// Time constants are in simulated seconds and hours; wear is dimensionless, 1.0 being "worn out".
/// </summary>
internal sealed class MachineParameters
{
    private static readonly JsonSerializerOptions FileOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    // Physics step: the machine advances in fixed steps, so its path depends only on the seed and on when inputs change.
    public double StepSeconds { get; init; } = 1.0;

    // Operating point when no actuator drives speed or load.
    public double DefaultSpeed { get; init; } = 1.0;

    public bool ProductionProgram { get; init; } = true;

    public double DefaultLoad { get; init; } = 0.6;

    public double JobLoadMin { get; init; } = 0.3;

    public double JobLoadMax { get; init; } = 0.95;

    public double JobMeanSeconds { get; init; } = 1800;

    public double BetweenJobsMeanSeconds { get; init; } = 300;

    public double BetweenJobsLoad { get; init; } = 0.05;

    // Temperature (housing, where the BME280 sits): first order towards ambient + rise.
    public double AmbientTemperatureC { get; init; } = 22.0;

    public double ThermalTimeConstantSeconds { get; init; } = 600;

    public double IdleHeatRiseC { get; init; } = 4.0;

    public double LoadHeatRiseC { get; init; } = 40.0;

    public double WearHeatRiseC { get; init; } = 15.0;

    public double CoolantRiseFactor { get; init; } = 0.5;

    public double ExtractionCooling { get; init; } = 0.1;

    // Humidity and pressure around the machine.
    public double AmbientHumidityPercent { get; init; } = 45.0;

    public double HumidityTemperatureCoefficient { get; init; } = 0.06;

    public double PressureHpa { get; init; } = 1013.25;

    public double PressureWalkHpaPerSqrtHour { get; init; } = 0.5;

    public double PressureWalkLimitHpa { get; init; } = 15.0;

    // Motor current.
    public double IdleCurrentA { get; init; } = 3.0;

    public double FullLoadCurrentA { get; init; } = 25.0;

    public double CurrentWearGain { get; init; } = 0.25;

    public double SupplyVoltageV { get; init; } = 24.0;

    // Vibration: peak acceleration of the one-axis accelerometer.
    public double VibrationBaseG { get; init; } = 0.15;

    public double VibrationWearG { get; init; } = 1.2;

    public double VibrationWearExponent { get; init; } = 1.5;

    public double VibrationLoadGain { get; init; } = 0.3;

    // Wear: grows with load (and faster when hot).
    public double WearPerHourAtFullLoad { get; init; } = 0.02;

    public double WearLoadExponent { get; init; } = 1.5;

    public double WearHeatThresholdC { get; init; } = 60.0;

    public double WearHeatGain { get; init; } = 0.02;

    public double InitialWear { get; init; }

    // Failures: a Poisson process whose hazard rises exponentially with wear, only while running.
    public double BaseHazardPerHour { get; init; } = 0.0005;

    public double HazardWearGain { get; init; } = 6.0;

    // Maintenance.
    public double MaintenanceSeconds { get; init; } = 1800;

    public double WearAfterMaintenance { get; init; }

    // Sensor noise (standard deviation, in the channel's unit).
    public double TemperatureNoiseC { get; init; } = 0.05;

    public double HumidityNoisePercent { get; init; } = 0.3;

    public double PressureNoiseHpa { get; init; } = 0.05;

    public double CurrentNoiseA { get; init; } = 0.15;

    public double VibrationNoiseG { get; init; } = 0.02;

    public double VoltageNoiseV { get; init; } = 0.02;

    /// <summary>Which machine input an actuator drives, by actuator name; names not listed are matched by the rules of <see cref="ActuatorRoles"/>.</summary>
    public Dictionary<string, MachineInput> ActuatorRoleOverrides { get; init; } = [];

    public static MachineParameters Load(string path)
    {
        MachineParameters parameters = JsonSerializer.Deserialize<MachineParameters>(File.ReadAllText(path), FileOptions)
            ?? throw new InvalidDataException($"{path}: empty machine file");
        parameters.Validate();
        return parameters;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter out of range.</summary>
    public void Validate()
    {
        Require(StepSeconds is > 0 and <= 60, nameof(StepSeconds), "must be above 0 and at most 60");
        Require(ThermalTimeConstantSeconds > 0, nameof(ThermalTimeConstantSeconds), "must be above 0");
        Require(DefaultSpeed is >= 0 and <= 1, nameof(DefaultSpeed), "must be 0..1");
        Require(DefaultLoad is >= 0 and <= 1, nameof(DefaultLoad), "must be 0..1");
        Require(JobLoadMin is >= 0 and <= 1 && JobLoadMax >= JobLoadMin && JobLoadMax <= 1, nameof(JobLoadMax), "job loads must be 0 <= min <= max <= 1");
        Require(JobMeanSeconds > 0 && BetweenJobsMeanSeconds > 0, nameof(JobMeanSeconds), "job and pause means must be above 0");
        Require(CoolantRiseFactor is > 0 and <= 1, nameof(CoolantRiseFactor), "must be above 0 and at most 1");
        Require(ExtractionCooling is >= 0 and < 1, nameof(ExtractionCooling), "must be 0 to below 1");
        Require(WearPerHourAtFullLoad >= 0 && WearLoadExponent >= 0 && InitialWear >= 0 && WearAfterMaintenance >= 0, nameof(WearPerHourAtFullLoad), "wear figures must not be negative");
        Require(BaseHazardPerHour >= 0 && HazardWearGain >= 0, nameof(BaseHazardPerHour), "hazard figures must not be negative");
        Require(MaintenanceSeconds >= 0, nameof(MaintenanceSeconds), "must not be negative");
        Require(new[] { TemperatureNoiseC, HumidityNoisePercent, PressureNoiseHpa, CurrentNoiseA, VibrationNoiseG, VoltageNoiseV }.All(n => n >= 0), "noise", "noise must not be negative");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"machine parameter {JsonNamingPolicy.CamelCase.ConvertName(name)} {rule}");
        }
    }
}
