using Millwright.Firmware.Board;
using Millwright.Firmware.Esp32.Boards;

namespace Millwright.Firmware.Esp32;

/// <summary>
/// The board this image is built for, from the code generated out of hardware/boards/*.json. The ESP32-DevKitC board
/// is the default; define BOARD_ESP32_S3_DEVKITC in the project for the ESP32-S3-DevKitC board (docs/flashing.md).
/// </summary>
internal static class SelectedBoard
{
#if BOARD_ESP32_S3_DEVKITC
    public static BoardDescription CreateDescription()
    {
        return Esp32S3DevKitCBoard.CreateDescription();
    }

    public static BoardWiring CreateWiring()
    {
        return Esp32S3DevKitCBoard.CreateWiring();
    }
#else
    public static BoardDescription CreateDescription()
    {
        return Esp32DevKitCBoard.CreateDescription();
    }

    public static BoardWiring CreateWiring()
    {
        return Esp32DevKitCBoard.CreateWiring();
    }
#endif
}
