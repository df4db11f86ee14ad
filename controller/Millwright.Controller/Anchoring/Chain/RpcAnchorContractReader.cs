using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Millwright.Controller.Anchoring.Chain;

/// <summary><see cref="IAnchorContractReader"/> over JSON-RPC with Nethereum (eth_chainId, eth_blockNumber, eth_call, eth_getBlockByNumber).</summary>
internal sealed class RpcAnchorContractReader(IWeb3 web3) : IAnchorContractReader
{
    /// <summary>A reader of the endpoint at <paramref name="url"/>; every request gives up after <paramref name="timeout"/>.</summary>
    public static RpcAnchorContractReader Connect(Uri url, TimeSpan timeout)
    {
        ClientBase.ConnectionTimeout = timeout; // Nethereum's only timeout is process-wide
        return new RpcAnchorContractReader(new Web3(new RpcClient(url)));
    }

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
