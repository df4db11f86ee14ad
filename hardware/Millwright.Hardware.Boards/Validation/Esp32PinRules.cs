using Millwright.Hardware.Boards.Model;

namespace Millwright.Hardware.Boards.Validation;

/// <summary>
/// The classic ESP32 (ESP-IDF gpio/esp32.inc; ESPHome gpio_esp32.py). 34 GPIOs: 0-19, 21-23, 25-27, 32-39
/// (GPIO20 exists only on the ESP32-PICO-V3 package, which is not a board we make).
/// </summary>
public sealed class Esp32PinRules : ChipPinRules
{
    private const string Adc1Pins = "GPIO32-39";

    // ESP32 datasheet, "Strapping Pins": what each is read for at reset.
    private static readonly Dictionary<int, string> StrappingPins = new()
    {
        [0] = "boot mode: low at reset enters serial download instead of running the firmware",
        [2] = "boot mode: must be low or floating at reset for serial download to work",
        [5] = "SDIO slave timing at reset",
        [12] = "MTDI, flash voltage: high at reset selects 1.8 V and a module with 3.3 V flash does not boot",
        [15] = "MTDO: low at reset silences the boot log on UART0",
    };

    private static readonly Dictionary<int, string> FlashPins = new()
    {
        [6] = "SPICLK", [7] = "SPIQ/SD0", [8] = "SPID/SD1", [9] = "SPIHD/SD2", [10] = "SPIWP/SD3", [11] = "SPICS0/CMD",
    };

    private static readonly Dictionary<int, AdcInput> AdcInputs = new()
    {
        [36] = new(1, 0), [37] = new(1, 1), [38] = new(1, 2), [39] = new(1, 3),
        [32] = new(1, 4), [33] = new(1, 5), [34] = new(1, 6), [35] = new(1, 7),
        [4] = new(2, 0), [0] = new(2, 1), [2] = new(2, 2), [15] = new(2, 3), [13] = new(2, 4),
        [12] = new(2, 5), [14] = new(2, 6), [27] = new(2, 7), [25] = new(2, 8), [26] = new(2, 9),
    };

    public override string ChipTitle => "ESP32";

    public override AdcInput? FindAdc(int gpio) => AdcInputs.GetValueOrDefault(gpio);

    public override IEnumerable<BoardIssue> Check(PinUse use, BoardFile board)
    {
        var pin = use.Pin;
        if (!Exists(pin))
        {
            yield return Error(use, BoardRules.GpioExists, $"the ESP32 has no GPIO{pin} (it has GPIO0-19, 21-23, 25-27 and 32-39)");
            yield break;
        }

        if (FlashPins.TryGetValue(pin, out var flashSignal))
        {
            yield return Error(use, BoardRules.FlashPin,
                $"GPIO6-11 are wired to the module's SPI flash (GPIO{pin} is {flashSignal}): driving or loading it crashes the chip");
            yield break;
        }

        if (board.Psram != PsramMode.None && pin is 16 or 17)
        {
            yield return Error(use, BoardRules.PsramPin,
                $"GPIO16-17 are wired to the PSRAM on ESP32 modules that have it (WROVER); this board declares psram \"{board.Psram.ToString().ToLowerInvariant()}\"");
            yield break;
        }

        if (pin is 1 or 3)
        {
            yield return Error(use, BoardRules.DebuggerPin,
                $"GPIO{pin} is UART0 {(pin == 1 ? "TXD" : "RXD")}, the nanoFramework debugger's port (deployment and debugging through the USB-UART bridge)");
        }

        if (pin is >= 34 and <= 39 && use.Drives)
        {
            yield return Error(use, BoardRules.InputOnlyPin,
                $"GPIO34-39 are input only (no output driver, no pull resistors), so GPIO{pin} cannot be {Describe(use.Role)}");
        }

        foreach (var issue in CheckAnalog(use, Adc1Pins))
        {
            yield return issue;
        }

        if (StrappingPins.TryGetValue(pin, out var strapping))
        {
            yield return Warning(use, BoardRules.StrappingPin,
                $"GPIO{pin} is a strapping pin read at reset ({strapping}): make sure what is wired to it cannot hold it at the wrong level while the chip resets");
        }
    }

    private static bool Exists(int pin) => pin is >= 0 and <= 19 or >= 21 and <= 23 or >= 25 and <= 27 or >= 32 and <= 39;
}
