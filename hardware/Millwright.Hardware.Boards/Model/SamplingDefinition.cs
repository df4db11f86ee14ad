namespace Millwright.Hardware.Boards.Model;

/// <summary>Sampling defaults for channels that set none of their own.</summary>
public sealed class SamplingDefinition
{
    public int DefaultPeriodMs { get; init; }

    public int? Oversample { get; init; }
}
