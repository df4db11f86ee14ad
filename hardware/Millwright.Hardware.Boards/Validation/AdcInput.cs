namespace Millwright.Hardware.Boards.Validation;

/// <summary>The ADC unit (1 or 2) and channel a GPIO is wired to.</summary>
public sealed record AdcInput(int Unit, int Channel);
