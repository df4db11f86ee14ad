namespace Millwright.Hardware.Boards.Validation;

/// <summary>One pin as one item of the board file uses it (<c>buses[0] "i2c1" sdaPin 21</c>).</summary>
/// <param name="Owner">The item that uses the pin (<c>buses[0] "i2c1"</c>, <c>console</c>).</param>
/// <param name="Field">The field that names the pin (<c>sdaPin</c>).</param>
public sealed record PinUse(int Pin, PinRole Role, string Owner, string Field)
{
    public string Item => $"{Owner} {Field} {Pin}";

    public bool Drives => Role is PinRole.Output or PinRole.Bidirectional;
}
