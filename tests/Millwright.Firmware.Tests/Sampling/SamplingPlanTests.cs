using Millwright.Firmware.Board;
using Millwright.Firmware.Components;
using Millwright.Firmware.Sampling;
using Millwright.Firmware.Tests.Fakes;

namespace Millwright.Firmware.Tests.Sampling;

public sealed class SamplingPlanTests
{
    private static ChannelPlan[] Build(BoardDescription board, int overrideMilliseconds = 0)
    {
        var io = new FakeSensors();
        foreach (var channel in board.Channels)
        {
            io.Add(channel.ChannelId);
        }

        return SamplingPlan.Build(board, ComponentRegistry.FromBoard(board, io, 0, 1, 1), overrideMilliseconds);
    }

    private static BoardDescription Board(params ChannelDescription[] channels) =>
        new("b", channels, []) { DefaultSamplePeriodMilliseconds = 2000 };

    [Fact]
    public void Channels_without_their_own_period_take_the_technicians_override_else_the_board_default()
    {
        var board = Board(SamplerRig.Channel(1), SamplerRig.Channel(2, periodMilliseconds: 500, oversample: 4));

        var byBoard = Build(board);
        var overridden = Build(board, 10_000);

        Assert.Equal(2_000_000, byBoard[0].PeriodMicros);
        Assert.Equal(10_000_000, overridden[0].PeriodMicros);
        Assert.Equal(500_000, overridden[1].PeriodMicros);
        Assert.Equal(4, overridden[1].Oversample);
        Assert.Equal("s2", overridden[1].Sensor.Name);
    }

    [Theory]
    [InlineData(1, 1, 1, "channel 1: id used twice")]
    [InlineData(1, 70000, 1, "channel 70000: id must be 0-65535")]
    [InlineData(1, 2, 0, "channel 2: oversample must be 1-64")]
    [InlineData(1, 2, 65, "channel 2: oversample must be 1-64")]
    public void A_bad_channel_is_refused_with_a_message_naming_it(int firstId, int secondId, int oversample, string message)
    {
        var board = Board(SamplerRig.Channel(firstId), SamplerRig.Channel(secondId, oversample: oversample, sensor: "other"));

        var error = Assert.Throws<ArgumentException>(() => Build(board));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_period_below_the_flash_budget_is_refused()
    {
        var board = Board(SamplerRig.Channel(3, periodMilliseconds: 50));

        var error = Assert.Throws<ArgumentException>(() => Build(board));

        Assert.Equal("channel 3 period must be 100-86400000 ms", error.Message);
    }

    [Fact]
    public void More_channels_than_a_frame_holds_are_refused()
    {
        var board = Board(Enumerable.Range(0, 65).Select(i => SamplerRig.Channel(i)).ToArray());

        Assert.Throws<ArgumentException>(() => Build(board));
    }

    [Fact]
    public void A_channel_that_no_component_reads_is_refused()
    {
        var board = Board(SamplerRig.Channel(1));
        var emptyRegistry = new ComponentRegistry(1);

        var error = Assert.Throws<ArgumentException>(() => SamplingPlan.Build(board, emptyRegistry, 0));

        Assert.Equal("channel 1: no sensor component reads it", error.Message);
    }
}
