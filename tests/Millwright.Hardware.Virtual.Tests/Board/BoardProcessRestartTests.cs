using Millwright.Hardware.Virtual.Tests.Infrastructure;
using Millwright.Protocol.Messages;

namespace Millwright.Hardware.Virtual.Tests.Board;

/// <summary>
/// The virtual board as a real process, SIGKILLed mid-stream again and again and restarted on the same data directory:
/// its flash outbox (files, every append fsync'ed) must lose no frame and never reuse a sequence number.
/// </summary>
public sealed class BoardProcessRestartTests
{
    private const int Kills = 3;

    [Fact]
    public async Task Killing_and_restarting_the_board_process_loses_no_frame_and_repeats_no_sequence_number()
    {
        Assert.True(File.Exists(TestPaths.VirtualBoardDll), $"built virtual board expected at {TestPaths.VirtualBoardDll}");
        await using EmbeddedTestBroker broker = await EmbeddedTestBroker.StartAsync();
        var device = TestDevice.Create("press-21");
        broker.AddDevice(device.DeviceId, device.Secret);
        await using TestController controller = await TestController.ConnectAsync("127.0.0.1", broker.Port, TestDevice.PlantId, EmbeddedTestBroker.ControllerUser, broker.ControllerPassword);
        DeviceLedger ledger = controller.Add(device.DeviceId, device.Secret);
        using var directory = new TemporaryDirectory();
        string secretFile = directory.Sub("device.secret");
        await File.WriteAllTextAsync(secretFile, Convert.ToHexStringLower(device.Secret), TestContext.Current.CancellationToken);
        string dataDirectory = directory.Sub("board");

        for (int run = 1; run <= Kills; run++)
        {
            using BoardProcess board = BoardProcess.Start(device, dataDirectory, secretFile, broker.Port, timeScale: 10, samplePeriodMs: 200);
            int framesBefore = ledger.FrameCount;
            await Eventually.HoldsAsync(
                () => ledger.FrameCount >= framesBefore + 40 || board.HasExited,
                TimeSpan.FromSeconds(60),
                () => $"run {run}: {ledger.FrameCount - framesBefore} new frames; board said: {string.Join(" | ", board.Output.TakeLast(5))}");
            Assert.False(board.HasExited, $"run {run}: the board exited: {string.Join(" | ", board.Output)}");
            board.Kill();
        }

        // Last run: the backlog is resent and acked. It samples rarely (every 30 simulated seconds) because a status
        // published in the step that appended a frame counts that frame as waiting; between ticks the outbox is empty.
        using (BoardProcess last = BoardProcess.Start(device, dataDirectory, secretFile, broker.Port, timeScale: 10, samplePeriodMs: 30_000))
        {
            await Eventually.HoldsAsync(
                () => ledger.HighestContiguous == ledger.HighestStored && ledger.Statuses.Any(s => s.Online && s.BootCounter == Kills + 1 && s.OutboxDepth == 0),
                TimeSpan.FromSeconds(60),
                () => $"contiguous {ledger.HighestContiguous} of {ledger.HighestStored}; last status {Describe(ledger.Statuses)}; board said: {string.Join(" | ", last.Output.TakeLast(5))}");
        }

        Assert.Empty(ledger.Missing(ledger.HighestStored));
        Assert.Equal(0, ledger.Conflicts);
        Assert.Empty(ledger.Rejections);
        Assert.Equal(Enumerable.Range(1, Kills + 1).Select(b => (uint)b), ledger.Frames.Values.Select(f => f.BootCounter).Distinct().Order());
        // Each boot after the first states the rest of the previous boot's reserved block (reason 3).
        Assert.Equal(Kills, ledger.Gaps.Count(g => g.Reason == GapReason.UnusedAfterRestart));
    }

    private static string Describe(IReadOnlyList<StatusMessage> statuses) =>
        statuses.Count == 0 ? "none" : $"boot {statuses[^1].BootCounter} depth {statuses[^1].OutboxDepth}";
}
