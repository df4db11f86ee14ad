using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Millwright.Controller.Anchoring.Chain;

/// <summary><see cref="IAnchorContractReader"/> over JSON-RPC with Nethereum (eth_chainId, eth_blockNumber, eth_call, eth_getBlockByNumber).</summary>
internal sealed class RpcAnchorContractReader(IWeb3 web3) : IAnchorContractReader
{
    public async Task<long> GetChainIdAsync(CancellationToken cancellationToken) =>
        (long)(await RpcCall.RunAsync("eth_chainId", () => web3.Eth.ChainId.SendRequestAsync(), cancellationToken)).Value;

    public async Task<long> GetBlockNumberAsync(CancellationToken cancellationToken) =>
        (long)(await RpcCall.RunAsync("eth_blockNumber", () => web3.Eth.Blocks.GetBlockNumber.SendRequestAsync(), cancellationToken)).Value;

    public Task<ChainCheckpoint?> GetCheckpointAsync(string contractAddress, long size, CancellationToken cancellationToken) =>
        CheckpointQuery.RunAsync(web3, contractAddress, size, cancellationToken);

    public async Task<string?> GetBlockHashAsync(long blockNumber, CancellationToken cancellationToken)
    {
        BlockWithTransactionHashes? block = await RpcCall.RunAsync("eth_getBlockByNumber",
            () => web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter((ulong)blockNumber)), cancellationToken);
        return block?.BlockHash;
    }
}
