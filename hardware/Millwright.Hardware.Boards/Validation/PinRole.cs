namespace Millwright.Hardware.Boards.Validation;

/// <summary>What a use of a pin asks of it; decides which pin rules apply.</summary>
public enum PinRole
{
    /// <summary>Digital input only (UART RX, SPI MISO).</summary>
    Input,

    /// <summary>Drives the pin (relay, GPIO, PWM, UART TX, SPI SCK/MOSI/CS).</summary>
    Output,

    /// <summary>Open-drain, both directions (I2C SDA/SCL): needs an output driver.</summary>
    Bidirectional,

    /// <summary>ADC input.</summary>
    Analog,
}
