using Millwright.Firmware.Runtime;
using Millwright.Hardware.Virtual.Board;
using Millwright.Hardware.Virtual.Fleet;
using Millwright.Hardware.Virtual.Machine;

namespace Millwright.Hardware.Virtual.Tests.Fleet;

public sealed class BoardFiguresTests
{
    [Fact]
    public void A_figures_line_parses_back_and_other_lines_are_not_figures()
    {
        var figures = new BoardFigures("press-07", NodeMode.Connected, true, 1234, 1240, 1230, 10, 3, 86400, MachineCondition.Broken, 0.8123, 2, 1);

        Assert.Equal(figures, BoardFigures.Parse(figures.ToLine()));
        Assert.Null(BoardFigures.Parse("virtual board press-07 on board 'virtual'"));
        Assert.Null(BoardFigures.Parse("figures device=x mode=Bogus"));
    }

    [Fact]
    public void Fleet_totals_sum_the_boards_into_one_status_line()
    {
        FleetTotals totals = FleetTotals.Of(
        [
            new BoardFigures("a", NodeMode.Connected, true, 100, 100, 90, 10, 1, 3600, MachineCondition.Running, 0.2, 0, 0),
            new BoardFigures("b", NodeMode.Connected, false, 50, 50, 50, 0, 2, 3600, MachineCondition.Broken, 0.6, 1, 0),
        ]);

        Assert.Equal(new FleetTotals(2, 1, 150, 140, 10, 1, 0, 0.4, 0.6, 1, 3600), totals with { MeanWear = 0.4 });
        Assert.Equal("t=5s sim=60.0min boards=2 online=1 frames=150 (30/s) acked=140 depth=10 broken=1 maint=0 wear=0.400/0.600 failures=1 x",
            totals.ToStatusLine(TimeSpan.FromSeconds(5), 30, " x"));
    }
}
