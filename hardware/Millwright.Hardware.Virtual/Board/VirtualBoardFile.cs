using Millwright.Firmware.Board;
using Millwright.Hardware.Boards.Conversion;
using Millwright.Hardware.Boards.Loading;

namespace Millwright.Hardware.Virtual.Board;

/// <summary>A board file as the firmware's description and wiring, through the same loader and rules as every board.</summary>
internal static class VirtualBoardFile
{
    public static (BoardDescription Board, BoardWiring Wiring) Load(string path, int? samplePeriodMilliseconds)
    {
        var file = BoardLoader.LoadValid(path);
        BoardDescription board = BoardConverter.ToDescription(file);
        if (samplePeriodMilliseconds is not null)
        {
            // One period for every channel: the technician's sample-period-ms then applies (the firmware's rule for channels without their own).
            foreach (ChannelDescription channel in board.Channels)
            {
                channel.PeriodMilliseconds = 0;
            }
        }

        return (board, BoardConverter.ToWiring(file));
    }
}
