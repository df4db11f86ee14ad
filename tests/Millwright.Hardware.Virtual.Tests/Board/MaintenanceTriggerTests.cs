using Millwright.Hardware.Virtual.Board;
using Millwright.Hardware.Virtual.Cli;
using Millwright.Hardware.Virtual.Machine;
using Millwright.Hardware.Virtual.Tests.Infrastructure;

namespace Millwright.Hardware.Virtual.Tests.Board;

public sealed class MaintenanceTriggerTests
{
    [Fact]
    public async Task The_maintain_verb_services_the_machine_of_a_running_board()
    {
        var device = TestDevice.Create("press-61");
        using var directory = new TemporaryDirectory();
        var machine = new MachineParameters { InitialWear = 0.7, BaseHazardPerHour = 0, MaintenanceSeconds = 60 };
        using var board = new RunningBoard(device.BoardOptions(directory.Path, FreePort.Get(), timeScale: 20, machine: machine));
        Assert.True(board.Board.Machine.ReadAt(board.Board.WorldMicros).Wear >= 0.7);

        var output = new StringWriter();
        Assert.Equal(0, await VirtualBoardCommandLine.RunAsync(["maintain", "--data-dir", directory.Path], output, TextWriter.Null));

        await Eventually.HoldsAsync(() => board.Board.Machine.Maintenances == 1, TimeSpan.FromSeconds(30), () => "no maintenance done");
        Assert.False(File.Exists(Path.Combine(directory.Path, MaintenanceTrigger.FileName)));
        MachineReading serviced = board.Board.Machine.ReadAt(board.Board.WorldMicros);
        Assert.True(serviced.Wear < 0.01, $"wear {serviced.Wear}");
        await Eventually.HoldsAsync(
            () => board.Board.Machine.ReadAt(board.Board.WorldMicros).Condition == MachineCondition.Running,
            TimeSpan.FromSeconds(30),
            () => "the machine did not run again after its maintenance time");
    }

    [Fact]
    public async Task Maintain_names_a_missing_board_directory()
    {
        var error = new StringWriter();
        Assert.Equal(1, await VirtualBoardCommandLine.RunAsync(["maintain", "--data-dir", "/nonexistent/board"], TextWriter.Null, error));
        Assert.Contains("/nonexistent/board", error.ToString(), StringComparison.Ordinal);
    }
}
