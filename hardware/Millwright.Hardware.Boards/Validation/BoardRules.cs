namespace Millwright.Hardware.Boards.Validation;

/// <summary>
/// Ids of the rules a board file is checked against (docs/boards.md explains each with its source). Schema
/// violations are reported as <c>schema/&lt;keyword&gt;</c>, e.g. <c>schema/required</c>.
/// </summary>
public static class BoardRules
{
    public const string JsonSyntax = "json-syntax";
    public const string SchemaPrefix = "schema/";

    // Structure: ids, references, ranges.
    public const string UniqueBusId = "unique-bus-id";
    public const string UniqueSensorId = "unique-sensor-id";
    public const string UniqueChannelId = "unique-channel-id";
    public const string UniqueActuatorId = "unique-actuator-id";
    public const string UnknownBus = "unknown-bus";
    public const string BusAttachment = "bus-attachment";
    public const string UniqueI2cAddress = "unique-i2c-address";
    public const string Bme280Quantity = "bme280-quantity";
    public const string RangeOrder = "range-order";
    public const string SafeStateInRange = "safe-state-in-range";
    public const string SwitchBinary = "switch-binary";
    public const string ChipOptions = "chip-options";

    // Pins (esp32 and esp32-s3; a virtual board has no pin rules).
    public const string GpioExists = "gpio-exists";
    public const string FlashPin = "flash-pin";
    public const string PsramPin = "psram-pin";
    public const string InputOnlyPin = "input-only-pin";
    public const string DebuggerPin = "debugger-pin";
    public const string UsbJtagPin = "usb-jtag-pin";
    public const string StrappingPin = "strapping-pin";
    public const string AdcPin = "adc-pin";
    public const string Adc2WithWifi = "adc2-wifi";
    public const string ConsoleUart = "console-uart";
    public const string PinUsedTwice = "pin-used-twice";
}
