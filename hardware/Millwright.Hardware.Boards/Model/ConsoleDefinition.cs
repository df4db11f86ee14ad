namespace Millwright.Hardware.Boards.Model;

/// <summary>The service console's UART and pins.</summary>
public sealed class ConsoleDefinition
{
    /// <summary>nanoFramework port name: COM1 = UART0 (the debugger's), COM2 = UART1, COM3 = UART2.</summary>
    public string Uart { get; init; } = "";

    public int TxPin { get; init; }

    public int RxPin { get; init; }

    public int BaudRate { get; init; }

    /// <summary>Data bits, parity, stop bits ("8N1", the default); the schema allows what SerialFraming allows.</summary>
    public string Framing { get; init; } = Millwright.Firmware.Board.SerialFraming.Default;
}
