using Millwright.Hardware.Boards.Model;

namespace Millwright.Hardware.Boards.Validation;

/// <summary>
/// The ESP32-S3 (ESP-IDF gpio/esp32s3.inc; ESPHome gpio_esp32_s3.py). 45 GPIOs: 0-21 and 26-48. No input-only pins.
/// </summary>
public sealed class Esp32S3PinRules : ChipPinRules
{
    private const string Adc1Pins = "GPIO1-10";

    // ESP32-S3 datasheet, "Strapping Pins".
    private static readonly Dictionary<int, string> StrappingPins = new()
    {
        [0] = "boot mode: low at reset enters serial download instead of running the firmware",
        [3] = "JTAG signal source (pad or USB) at reset",
        [45] = "VDD_SPI voltage: high at reset selects 1.8 V and a module with 3.3 V flash does not boot",
        [46] = "boot mode and ROM log: must be low at reset for serial download",
    };

    private static readonly Dictionary<int, string> FlashPins = new()
    {
        [26] = "SPICS1", [27] = "SPIHD", [28] = "SPIWP", [29] = "SPICS0", [30] = "SPICLK", [31] = "SPIQ", [32] = "SPID",
    };

    private static readonly Dictionary<int, string> OctalPsramPins = new()
    {
        [33] = "SPIIO4", [34] = "SPIIO5", [35] = "SPIIO6", [36] = "SPIIO7", [37] = "SPIDQS",
    };

    public override string ChipTitle => "ESP32-S3";

    public override AdcInput? FindAdc(int gpio) => gpio switch
    {
        >= 1 and <= 10 => new AdcInput(1, gpio - 1),
        >= 11 and <= 20 => new AdcInput(2, gpio - 11),
        _ => null,
    };

    public override IEnumerable<BoardIssue> Check(PinUse use, BoardFile board)
    {
        var pin = use.Pin;
        if (!Exists(pin))
        {
            yield return Error(use, BoardRules.GpioExists, $"the ESP32-S3 has no GPIO{pin} (it has GPIO0-21 and 26-48)");
            yield break;
        }

        if (FlashPins.TryGetValue(pin, out var flashSignal))
        {
            yield return Error(use, BoardRules.FlashPin,
                $"GPIO26-32 are wired to the module's SPI flash and PSRAM (GPIO{pin} is {flashSignal}): driving or loading it crashes the chip");
            yield break;
        }

        if (board.Psram == PsramMode.Octal && OctalPsramPins.TryGetValue(pin, out var psramSignal))
        {
            // ESPHome warns rather than rejects (gpio_esp32_s3.py, esp32_s3_final_validate_pins); ESP-IDF calls these pins
            // "not recommended for other uses" on ESP32-S3R8 boards.
            yield return Warning(use, BoardRules.PsramPin,
                $"GPIO33-37 carry the octal PSRAM bus on this board (GPIO{pin} is {psramSignal}): avoid it unless PSRAM is disabled in the firmware");
        }

        foreach (var issue in CheckDebugLink(use, board.DebugLink))
        {
            yield return issue;
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

    private static IEnumerable<BoardIssue> CheckDebugLink(PinUse use, DebugLink link)
    {
        var pin = use.Pin;
        if (link == DebugLink.Uart0 && pin is 43 or 44)
        {
            yield return Error(use, BoardRules.DebuggerPin,
                $"GPIO{pin} is UART0 {(pin == 43 ? "TXD" : "RXD")}, the nanoFramework debugger's port on this board (debugLink \"uart0\")");
        }
        else if (link == DebugLink.Usb && pin is 19 or 20)
        {
            yield return Error(use, BoardRules.DebuggerPin,
                $"GPIO{pin} is USB {(pin == 19 ? "D-" : "D+")}, the nanoFramework debugger's port on this board (debugLink \"usb\")");
        }
        else if (pin is 19 or 20)
        {
            yield return Warning(use, BoardRules.UsbJtagPin,
                $"GPIO{pin} is USB {(pin == 19 ? "D-" : "D+")} of the USB-Serial-JTAG port: using it as a GPIO disables that port");
        }
    }

    private static bool Exists(int pin) => pin is >= 0 and <= 21 or >= 26 and <= 48;
}
