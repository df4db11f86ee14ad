using Millwright.Hardware.Boards.Model;

namespace Millwright.Hardware.Boards.Validation;

/// <summary>
/// What one chip allows on each GPIO. The facts and their sources are in docs/boards.md: ESP-IDF's GPIO and ADC
/// documentation (docs/en/api-reference/peripherals/gpio/&lt;chip&gt;.inc, adc_oneshot.rst) and ESPHome's pin
/// validation (esphome/components/esp32/gpio_esp32.py, gpio_esp32_s3.py, components/adc/__init__.py).
/// </summary>
public abstract class ChipPinRules
{
    public abstract string ChipTitle { get; }

    /// <summary>The rules for a chip, or null for the virtual board, which has none.</summary>
    public static ChipPinRules? For(ChipVariant chip) => chip switch
    {
        ChipVariant.Esp32 => new Esp32PinRules(),
        ChipVariant.Esp32S3 => new Esp32S3PinRules(),
        _ => null,
    };

    /// <summary>The ADC unit and channel on <paramref name="gpio"/>, or null when it has no ADC input.</summary>
    public abstract AdcInput? FindAdc(int gpio);

    /// <summary>Issues for one use of one pin (a pin used twice is <see cref="PinValidator"/>'s to find).</summary>
    public abstract IEnumerable<BoardIssue> Check(PinUse use, BoardFile board);

    protected IEnumerable<BoardIssue> CheckAnalog(PinUse use, string adc1Pins)
    {
        if (use.Role != PinRole.Analog)
        {
            yield break;
        }

        var adc = FindAdc(use.Pin);
        if (adc is null)
        {
            yield return Error(use, BoardRules.AdcPin,
                $"GPIO{use.Pin} has no ADC input on the {ChipTitle}; ADC1 inputs are {adc1Pins}");
        }
        else if (adc.Unit == 2)
        {
            yield return Error(use, BoardRules.Adc2WithWifi,
                $"GPIO{use.Pin} is ADC2 channel {adc.Channel}, which the Wi-Fi driver takes over: ADC2 cannot be read while Wi-Fi is on, " +
                $"and the node always runs Wi-Fi. Use an ADC1 input ({adc1Pins})");
        }
    }

    protected static BoardIssue Error(PinUse use, string rule, string message) => new(IssueSeverity.Error, use.Item, rule, message);

    protected static BoardIssue Warning(PinUse use, string rule, string message) => new(IssueSeverity.Warning, use.Item, rule, message);

    protected static string Describe(PinRole role) => role switch
    {
        PinRole.Output => "an output",
        PinRole.Bidirectional => "an I2C line (open drain: it must drive the pin low)",
        PinRole.Analog => "an ADC input",
        _ => "an input",
    };
}
