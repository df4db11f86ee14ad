using Millwright.Controller.Anchoring.Contract;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Millwright.Controller.Anchoring.Chain;

/// <summary>The contract's checkpoint(size) view as an eth_call in the latest block, shared by the anchoring service and auditors.</summary>
internal static class CheckpointQuery
{
    public static async Task<ChainCheckpoint?> RunAsync(IWeb3 web3, string contractAddress, long size, CancellationToken cancellationToken)
    {
        var query = new CheckpointFunction { Size = (ulong)size };
        CheckpointOutput? output = await RpcCall.RunAsync("checkpoint(size)",
            () => web3.Eth.GetContractQueryHandler<CheckpointFunction>()
                .QueryDeserializingToObjectAsync<CheckpointOutput>(query, contractAddress, BlockParameter.CreateLatest()),
            cancellationToken);
        if (output?.Root is not { Length: 32 })
        {
            throw new AnchorContractMissingException(contractAddress); // eth_call on an address without code returns nothing
        }

        return output.Root.All(b => b == 0)
            ? null
            : new ChainCheckpoint(LogCheckpoint.FromRoot(size, output.Root), (long)output.BlockTime, (long)output.BlockNumber);
    }
}
