using System.Text.Json.Serialization;

namespace Millwright.Hardware.Boards.Model;

/// <summary>Where the nanoFramework debugger (deployment, Visual Studio) talks to the chip.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DebugLink>))]
public enum DebugLink
{
    /// <summary>UART0 through the board's USB-UART bridge: always on an ESP32; the *_UART firmware on an ESP32-S3.</summary>
    [JsonStringEnumMemberName("uart0")]
    Uart0,

    /// <summary>The ESP32-S3's own USB-Serial-JTAG port on GPIO19-20.</summary>
    [JsonStringEnumMemberName("usb")]
    Usb,
}
