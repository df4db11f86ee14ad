using System.Diagnostics;
using System.Globalization;
using Millwright.Controller.Anchoring.State;
using Millwright.Controller.Storage.Records;
using Millwright.Controller.Storage.Sqlite;

namespace Millwright.Controller.Cli.Bench;

/// <summary>
/// `bench --anchoring`: what anchoring costs and how long a reading waits to become provable, from the controller's
/// own records after a run at the settings given (the defaults unless --set changes them): every checkpoint's size and
/// gas from its receipt, and for every frame the time from its arrival to the confirmation of the first checkpoint
/// that covers it.
/// </summary>
internal static class AnchorMeasurement
{
    private const long LocalChainId = 31337;

    /// <summary>Waits (at most <paramref name="limit"/>) until the anchor state covers <paramref name="logSize"/> frames.</summary>
    internal static async Task<bool> WaitCoveredAsync(string dataDirectory, long logSize, TimeSpan limit, TextWriter progress, CancellationToken cancellationToken)
    {
        var states = new FileAnchorStateStore(Path.Combine(dataDirectory, "anchoring"), LocalChainId);
        long started = Stopwatch.GetTimestamp();
        TimeSpan nextReport = TimeSpan.Zero;
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            AnchorState? state = await states.LoadAsync(cancellationToken).ConfigureAwait(false);
            long covered = state?.LatestAnchored?.Checkpoint.Size ?? 0;
            if (covered >= logSize)
            {
                return true;
            }

            if (Stopwatch.GetElapsedTime(started) >= nextReport)
            {
                progress.WriteLine($"  waiting for the last checkpoint: {covered} of {logSize} frames anchored");
                nextReport += TimeSpan.FromSeconds(30);
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>Reads the stopped controller's store and anchor records and prints the figures.</summary>
    internal static async Task WriteAsync(string dataDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var states = new FileAnchorStateStore(Path.Combine(dataDirectory, "anchoring"), LocalChainId);
        AnchorState state = await states.LoadAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the controller left no anchoring state: was anchoring on?");
        List<AnchoredCheckpoint> anchored = [.. await states.ReadFinalAsync(cancellationToken).ConfigureAwait(false), .. state.Watched];
        anchored = [.. anchored.DistinctBy(a => a.Checkpoint.Size).OrderBy(a => a.Checkpoint.Size)];
        if (anchored.Count == 0)
        {
            throw new InvalidOperationException("no checkpoint was anchored during the run");
        }

        await using var store = await SqliteControllerStore.OpenAsync(
            new SqliteStoreOptions(dataDirectory) { ReadingSettleCycle = TimeSpan.Zero }, cancellationToken).ConfigureAwait(false);
        var latencies = new List<double>();
        long uncovered = 0;
        int next = 0;
        for (long from = 1; ; )
        {
            IReadOnlyList<StoredFrame> page = await store.GetFramesInLogOrderAsync(from, SqliteFrameQueries.MaxPageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            foreach (StoredFrame frame in page)
            {
                while (next < anchored.Count && anchored[next].Checkpoint.Size < frame.LogIndex)
                {
                    next++;
                }

                if (next == anchored.Count)
                {
                    uncovered++;
                    continue;
                }

                latencies.Add((anchored[next].ConfirmedAt - frame.ReceivedAt).TotalSeconds);
            }

            from = page[^1].LogIndex + 1;
        }

        long[] sizes = [.. anchored.Select(a => a.Checkpoint.Size)];
        long[] perCheckpoint = [.. sizes.Select((size, i) => size - (i == 0 ? 0 : sizes[i - 1]))];
        long[] gas = [.. anchored.Where(a => a.GasUsed is not null).Select(a => a.GasUsed!.Value)];
        double meanGas = gas.Length == 0 ? double.NaN : gas.Average();
        double framesPerCheckpoint = perCheckpoint.Average();
        latencies.Sort();
        output.WriteLine();
        output.WriteLine("anchoring:");
        output.WriteLine($"  checkpoints {anchored.Count}; frames per checkpoint mean {framesPerCheckpoint:F0}, min {perCheckpoint.Min()}, max {perCheckpoint.Max()}");
        output.WriteLine($"  gas per checkpoint mean {meanGas:F0} (min {(gas.Length == 0 ? 0 : gas.Min())}, max {(gas.Length == 0 ? 0 : gas.Max())}); " +
            $"gas per frame {meanGas / framesPerCheckpoint:F1}; gas per reading {meanGas / framesPerCheckpoint / PhaseResult.ReadingsPerFrame:F2}");
        output.WriteLine($"  frame arrival → covering checkpoint confirmed: p50 {Percentile(latencies, 50):F1} s, p95 {Percentile(latencies, 95):F1} s, " +
            $"p99 {Percentile(latencies, 99):F1} s, max {(latencies.Count == 0 ? 0 : latencies[^1]):F1} s over {latencies.Count} frames; {uncovered} frame(s) not covered");
        output.WriteLine($"  | {anchored.Count} | {framesPerCheckpoint:F0} | {meanGas:F0} | {meanGas / framesPerCheckpoint / PhaseResult.ReadingsPerFrame:F2} | " +
            $"{Percentile(latencies, 50):F1} s | {Percentile(latencies, 99):F1} s | {(latencies.Count == 0 ? 0 : latencies[^1]):F1} s |");
    }

    private static double Percentile(List<double> sorted, double percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
