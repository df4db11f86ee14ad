using System.Globalization;
using System.Text.Json;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.State;
using Nethereum.RPC.Eth.DTOs;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>
/// Gas of a deployment and of each checkpoint, from receipts on Anvil (the figures in docs/benchmarks.md, "Anchoring").
/// The anchor writes two new storage slots (root; block time and number) and updates one, so every checkpoint costs
/// about the same; only calldata varies a little with the bytes of the size.
/// </summary>
[Collection(AnvilTestGroup.Name)]
public sealed class AnchorGasTests
{
    [Fact]
    public async Task Gas_per_checkpoint_is_measured_from_receipts()
    {
        // A fake head: a billion-leaf log is not stored here; the gas does not depend on the frames behind the root.
        await using AnchorHarness harness = await AnchorHarness.StartWithFakeLogAsync();
        var measured = new List<(long Size, long Gas)>();
        foreach (long size in new long[] { 1_000, 2_000, 3_000, 1_000_000, 1_000_000_000 })
        {
            harness.FakeLog!.Grow(size);
            await harness.StepUntilAnchoredAsync(size);
            measured.Add((size, harness.State.Watched[^1].GasUsed ?? throw new InvalidOperationException("no receipt recorded")));
        }

        long deployment = await DeploymentGasAsync(harness);
        var report = new List<string> { $"gas: deployment {deployment}" };
        report.AddRange(measured.Select((entry, index) => string.Create(CultureInfo.InvariantCulture,
            $"gas: checkpoint {index + 1} (tree size {entry.Size}) {entry.Gas}")));
        foreach (string line in report)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
            Console.WriteLine(line);
        }

        Assert.All(measured, entry => Assert.InRange(entry.Gas, 60_000, 80_000));
        Assert.InRange(measured.Max(entry => entry.Gas) - measured.Min(entry => entry.Gas), 0, 1_000);
        Assert.InRange(deployment, 200_000, 700_000);
    }

    private static async Task<long> DeploymentGasAsync(AnchorHarness harness)
    {
        string recordPath = Path.Combine(harness.DataDirectory, "anchoring", $"anchor-contract-{harness.Chain.ChainId}.json");
        ContractRecord record = JsonSerializer.Deserialize<ContractRecord>(await File.ReadAllTextAsync(recordPath, TestContext.Current.CancellationToken), AnchorStateJson.Indented)!;
        TransactionReceipt receipt = (await harness.Cheats.ReceiptAsync(record.TransactionHash))!;
        return (long)receipt.GasUsed.Value;
    }
}
