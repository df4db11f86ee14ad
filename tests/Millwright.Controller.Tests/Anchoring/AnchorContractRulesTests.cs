using System.Numerics;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.Contract;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>MillwrightAnchor's rules, on a real Anvil with the committed bytecode.</summary>
[Collection(AnvilTestGroup.Name)]
public sealed class AnchorContractRulesTests
{
    private static readonly LogCheckpoint Five = TestLogHead.CheckpointOf(5);

    [Fact]
    public async Task The_anchorer_records_a_checkpoint_that_anyone_can_read_with_its_block_and_event()
    {
        await using ContractTestBed bed = await ContractTestBed.StartAsync();
        var (owner, anchorer) = (await bed.NewAccountAsync(), await bed.NewAccountAsync());
        string contract = await bed.DeployAsync(owner, anchorer.Address);
        EthereumAnchorChain chain = bed.ChainFor(anchorer, contract);

        TransactionReceipt receipt = await bed.AnchorAsync(chain, Five);

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        BlockWithTransactionHashes block = await bed.Cheats.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(receipt.BlockNumber);
        CheckpointAnchoredEvent anchored = receipt.DecodeAllEvents<CheckpointAnchoredEvent>().Single().Event;
        Assert.Equal(5ul, anchored.Size);
        Assert.Equal(Five.RootBytes(), anchored.Root);
        Assert.Equal(0ul, anchored.PreviousSize);
        Assert.Equal((ulong)block.Timestamp.Value, anchored.BlockTime);

        ChainCheckpoint stored = (await bed.ChainFor(owner, contract).GetCheckpointAsync(5, TestContext.Current.CancellationToken))!;
        Assert.Equal(new ChainCheckpoint(Five, (long)block.Timestamp.Value, (long)receipt.BlockNumber.Value), stored);
        Assert.Equal(5, await chain.GetLatestSizeAsync(TestContext.Current.CancellationToken));
        Assert.Null(await chain.GetCheckpointAsync(4, TestContext.Current.CancellationToken));
        Assert.Equal(owner.Address, await bed.QueryAddressAsync<OwnerFunction>(contract), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(anchorer.Address, await bed.QueryAddressAsync<AnchorerFunction>(contract), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Only_the_anchorer_may_anchor()
    {
        await using ContractTestBed bed = await ContractTestBed.StartAsync();
        var (owner, anchorer, stranger) = (await bed.NewAccountAsync(), await bed.NewAccountAsync(), await bed.NewAccountAsync());
        string contract = await bed.DeployAsync(owner, anchorer.Address);

        foreach (var other in new[] { owner, stranger })
        {
            AnchorRevertedException refused = await Assert.ThrowsAsync<AnchorRevertedException>(
                () => bed.ChainFor(other, contract).AnchorAsync(Five, TestContext.Current.CancellationToken));
            Assert.Contains("NotAnchorer(address)", refused.Reason, StringComparison.Ordinal);
            TransactionReceipt mined = await bed.CallAsync(other, contract, Anchor(Five));
            Assert.Equal(BigInteger.Zero, mined.Status.Value);
        }

        Assert.Equal(0, await bed.ChainFor(owner, contract).GetLatestSizeAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await bed.Cheats.AnchoredEventsAsync(contract));
    }

    [Fact]
    public async Task Every_checkpoint_must_grow_the_tree_and_have_a_root()
    {
        await using ContractTestBed bed = await ContractTestBed.StartAsync();
        var (owner, anchorer) = (await bed.NewAccountAsync(), await bed.NewAccountAsync());
        string contract = await bed.DeployAsync(owner, anchorer.Address);
        EthereumAnchorChain chain = bed.ChainFor(anchorer, contract);
        await bed.AnchorAsync(chain, TestLogHead.CheckpointOf(10));

        foreach (long size in new long[] { 10, 9, 1 })
        {
            AnchorRevertedException refused = await Assert.ThrowsAsync<AnchorRevertedException>(
                () => chain.AnchorAsync(TestLogHead.CheckpointOf(size), TestContext.Current.CancellationToken));
            Assert.Contains("SizeMustGrow(uint64,uint64)", refused.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(BigInteger.Zero, (await bed.CallAsync(anchorer, contract, new AnchorFunction { Size = 0, Root = new byte[32] })).Status.Value);
        Assert.Equal(BigInteger.Zero, (await bed.CallAsync(anchorer, contract, new AnchorFunction { Size = 11, Root = new byte[32] })).Status.Value);
        AnchorRevertedException empty = await Assert.ThrowsAsync<AnchorRevertedException>(
            () => chain.EstimateAnchorGasAsync(new LogCheckpoint(11, "0x" + new string('0', 64)), TestContext.Current.CancellationToken));
        Assert.Contains("EmptyRoot()", empty.Reason, StringComparison.Ordinal);

        await bed.AnchorAsync(chain, TestLogHead.CheckpointOf(11));
        Assert.Equal([10L, 11L], (await bed.Cheats.AnchoredEventsAsync(contract)).Select(anchored => anchored.Checkpoint.Size));
        Assert.Equal(TestLogHead.CheckpointOf(10), (await chain.GetCheckpointAsync(10, TestContext.Current.CancellationToken))!.Checkpoint);
    }

    [Fact]
    public async Task The_owner_rotates_the_anchorer_and_hands_ownership_on()
    {
        await using ContractTestBed bed = await ContractTestBed.StartAsync();
        var (owner, anchorer, successor, heir) =
            (await bed.NewAccountAsync(), await bed.NewAccountAsync(), await bed.NewAccountAsync(), await bed.NewAccountAsync());
        string contract = await bed.DeployAsync(owner, anchorer.Address);

        Assert.Equal(BigInteger.Zero, (await bed.CallAsync(anchorer, contract, new SetAnchorerFunction { NewAnchorer = anchorer.Address })).Status.Value);
        Assert.Equal(BigInteger.One, (await bed.CallAsync(owner, contract, new SetAnchorerFunction { NewAnchorer = successor.Address })).Status.Value);
        await Assert.ThrowsAsync<AnchorRevertedException>(() => bed.ChainFor(anchorer, contract).AnchorAsync(Five, TestContext.Current.CancellationToken));
        await bed.AnchorAsync(bed.ChainFor(successor, contract), Five);

        Assert.Equal(BigInteger.Zero, (await bed.CallAsync(owner, contract, new TransferOwnershipFunction { NewOwner = "0x" + new string('0', 40) })).Status.Value);
        Assert.Equal(BigInteger.One, (await bed.CallAsync(owner, contract, new TransferOwnershipFunction { NewOwner = heir.Address })).Status.Value);
        Assert.Equal(heir.Address, await bed.QueryAddressAsync<OwnerFunction>(contract), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(BigInteger.Zero, (await bed.CallAsync(owner, contract, new SetAnchorerFunction { NewAnchorer = owner.Address })).Status.Value);
        Assert.Equal(BigInteger.Zero, (await bed.CallAsync(heir, contract, new SetAnchorerFunction { NewAnchorer = "0x" + new string('0', 40) })).Status.Value);
        Assert.Equal(BigInteger.One, (await bed.CallAsync(heir, contract, new SetAnchorerFunction { NewAnchorer = anchorer.Address })).Status.Value);
        Assert.Equal(anchorer.Address, await bed.QueryAddressAsync<AnchorerFunction>(contract), StringComparer.OrdinalIgnoreCase);
        await bed.AnchorAsync(bed.ChainFor(anchorer, contract), TestLogHead.CheckpointOf(6));
        Assert.Equal([5L, 6L], (await bed.Cheats.AnchoredEventsAsync(contract)).Select(anchored => anchored.Checkpoint.Size));
    }

    private static AnchorFunction Anchor(LogCheckpoint checkpoint) => new() { Size = (ulong)checkpoint.Size, Root = checkpoint.RootBytes() };
}
