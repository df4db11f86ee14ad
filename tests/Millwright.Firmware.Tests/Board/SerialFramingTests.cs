using System.IO.Ports;
using Millwright.Firmware.Board;

namespace Millwright.Firmware.Tests.Board;

/// <summary>The console framing of a board file, and the System.IO.Ports values the ESP32 binding and the tool open the UART with.</summary>
public sealed class SerialFramingTests
{
    [Theory]
    [InlineData("8N1", Parity.None, StopBits.One)]
    [InlineData("8E1", Parity.Even, StopBits.One)]
    [InlineData("8O1", Parity.Odd, StopBits.One)]
    [InlineData("8N2", Parity.None, StopBits.Two)]
    [InlineData("8E2", Parity.Even, StopBits.Two)]
    [InlineData("8O2", Parity.Odd, StopBits.Two)]
    public void A_valid_framing_maps_to_the_System_IO_Ports_values(string framing, Parity parity, StopBits stopBits)
    {
        Assert.True(SerialFraming.IsValid(framing));
        Assert.Equal(parity, (Parity)SerialFraming.Parity(framing));
        Assert.Equal(stopBits, (StopBits)SerialFraming.StopBits(framing));
        Assert.Equal(8, SerialFraming.DataBits);
    }

    [Theory]
    [InlineData("7E1")]
    [InlineData("8M1")]
    [InlineData("8N0")]
    [InlineData("8n1")]
    [InlineData("8N1 ")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused(string? framing)
    {
        Assert.False(SerialFraming.IsValid(framing!));
    }

    [Fact]
    public void A_board_description_is_8N1_unless_told_otherwise()
    {
        Assert.Equal("8N1", new BoardDescription("b", [], []).ConsoleFraming);
    }
}
