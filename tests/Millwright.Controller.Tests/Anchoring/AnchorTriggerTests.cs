using Millwright.Controller.Anchoring;

namespace Millwright.Controller.Tests.Anchoring;

public sealed class AnchorTriggerTests
{
    private static readonly DateTimeOffset Since = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AnchorPolicy Policy = AnchorPolicy.From(new AnchorOptions { MinFrames = 100, MaxInterval = TimeSpan.FromMinutes(10) });

    [Theory]
    [InlineData(150, 50, 0, true)] // exactly MinFrames new
    [InlineData(149, 50, 0, false)]
    [InlineData(51, 50, 10, true)] // one frame, MaxInterval passed
    [InlineData(51, 50, 9, false)]
    [InlineData(50, 50, 60, false)] // nothing new: never, however long
    [InlineData(40, 50, 60, false)] // the contract is ahead of the log
    public void Queues_on_enough_frames_or_some_frames_and_enough_time(long headSize, long anchoredSize, int minutes, bool expected)
    {
        Assert.Equal(expected, AnchorTrigger.ShouldQueue(TestLogHead.CheckpointOf(headSize), anchoredSize, Since, Since.AddMinutes(minutes), Policy));
    }
}
