using System.Numerics;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Contract;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>One CheckpointAnchored event on the canonical chain.</summary>
internal sealed record AnchoredEvent(LogCheckpoint Checkpoint, ulong PreviousSize, long BlockNumber, string TransactionHash);

/// <summary>Anvil's test methods (mining, automine, reorgs, base fee, balances) and chain reads for assertions.</summary>
internal sealed class AnvilCheats
{
    private readonly RpcClient _client;

    public AnvilCheats(Uri url)
    {
        _client = new RpcClient(url);
        Web3 = new Web3(_client);
    }

    public Web3 Web3 { get; }

    public Task MineAsync(int blocks = 1) => _client.SendRequestAsync("anvil_mine", null, new HexBigInteger(blocks).HexValue);

    public Task SetAutomineAsync(bool enabled) => _client.SendRequestAsync("evm_setAutomine", null, enabled);

    /// <summary>Replaces the last <paramref name="depth"/> blocks with as many empty ones (their transactions are dropped).</summary>
    public Task ReorgAsync(int depth) => _client.SendRequestAsync("anvil_reorg", null, depth, Array.Empty<object>());

    public Task SetNextBaseFeeAsync(BigInteger wei) => _client.SendRequestAsync("anvil_setNextBlockBaseFeePerGas", null, new HexBigInteger(wei).HexValue);

    public Task SetBalanceAsync(string address, BigInteger wei) => _client.SendRequestAsync("anvil_setBalance", null, address, new HexBigInteger(wei).HexValue);

    public async Task<long> BlockNumberAsync() => (long)(await Web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

    public async Task<BigInteger> BaseFeeAsync()
    {
        BlockWithTransactionHashes block = await Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        return block.BaseFeePerGas.Value;
    }

    public async Task<TransactionReceipt?> ReceiptAsync(string hash) => await Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash);

    public async Task<long> NonceAsync(string address) =>
        (long)(await Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(address, BlockParameter.CreateLatest())).Value;

    /// <summary>Every CheckpointAnchored event of <paramref name="contract"/> in the canonical chain, oldest first.</summary>
    public async Task<IReadOnlyList<AnchoredEvent>> AnchoredEventsAsync(string contract)
    {
        NewFilterInput filter = Web3.Eth.GetEvent<CheckpointAnchoredEvent>(contract)
            .CreateFilterInput(BlockParameter.CreateEarliest(), BlockParameter.CreateLatest());
        FilterLog[] logs = await Web3.Eth.Filters.GetLogs.SendRequestAsync(filter);
        return logs.DecodeAllEvents<CheckpointAnchoredEvent>()
            .Select(log => new AnchoredEvent(
                LogCheckpoint.FromRoot((long)log.Event.Size, log.Event.Root), log.Event.PreviousSize, (long)log.Log.BlockNumber.Value, log.Log.TransactionHash))
            .ToList();
    }
}
