using System.Threading;
using Millwright.Firmware.Board;
using Millwright.Firmware.Esp32.Platform;
using Millwright.Firmware.Runtime;

namespace Millwright.Firmware.Esp32;

/// <summary>The ESP32 node: the board's hardware bag, the portable firmware, and its loop.</summary>
public static class Program
{
    public static void Main()
    {
        string hmacProblem = NativeHmacCheck.Run();
        BoardDescription board = SelectedBoard.CreateDescription();
        NodeHardware hardware = EspHardware.Create(board, SelectedBoard.CreateWiring());
        NodeRuntime node = new NodeRuntime(hardware, EspHardware.CreateOptions(hardware.Store));
        node.Start();
        EspHardware.ReportHmacCheck(node, hmacProblem, hardware.Clock.MonotonicMicros);
        while (true)
        {
            long sleepMicros = node.Step();
            Thread.Sleep(sleepMicros >= 1000 ? (int)(sleepMicros / 1000) : 0);
        }
    }
}
