using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Millwright.Controller.Anchoring.Chain;

/// <summary>
/// EIP-1559 fees from the node: the next block's base fee (last entry of eth_feeHistory), a tip that is the larger of
/// eth_maxPriorityFeePerGas and the median tip of recent blocks, and a fee cap of twice the base fee plus the tip, so
/// the transaction stays valid through several full blocks of rising base fee. Never above the configured cap.
/// </summary>
internal sealed class ChainFeeOracle
{
    private const int HistoryBlocks = 10;
    private static readonly BigInteger MinimumTip = 1_000_000; // 0.001 gwei: some dev nodes report a tip of 0
    private readonly IWeb3 _web3;
    private readonly BigInteger _maxFeePerGas;

    public ChainFeeOracle(IWeb3 web3, BigInteger maxFeePerGas)
    {
        _web3 = web3;
        _maxFeePerGas = maxFeePerGas;
    }

    public BigInteger MaxFeePerGas => _maxFeePerGas;

    public async Task<FeeQuote> SuggestAsync(CancellationToken cancellationToken)
    {
        FeeHistoryResult history = await RpcCall.RunAsync("eth_feeHistory",
            () => _web3.Eth.FeeHistory.SendRequestAsync(new HexBigInteger(HistoryBlocks), BlockParameter.CreateLatest(), [50m]),
            cancellationToken);
        BigInteger nextBaseFee = history.BaseFeePerGas is { Length: > 0 } fees ? fees[^1].Value : BigInteger.Zero;
        BigInteger tip = BigInteger.Max(MedianTip(history), MinimumTip);
        try
        {
            HexBigInteger suggested = await RpcCall.RunAsync("eth_maxPriorityFeePerGas",
                () => new EthMaxPriorityFeePerGas(_web3.Client).SendRequestAsync(), cancellationToken);
            tip = BigInteger.Max(tip, suggested.Value);
        }
        catch (Nethereum.JsonRpc.Client.RpcResponseException)
        {
            // Not every node has eth_maxPriorityFeePerGas; the fee history's tips stand alone then.
        }

        BigInteger maxFee = BigInteger.Min(nextBaseFee * 2 + tip, _maxFeePerGas);
        return new FeeQuote(maxFee, BigInteger.Min(tip, maxFee));
    }

    private static BigInteger MedianTip(FeeHistoryResult history)
    {
        List<BigInteger> tips = (history.Reward ?? [])
            .Where(reward => reward is { Length: > 0 })
            .Select(reward => reward[0].Value)
            .Where(value => value > 0)
            .Order()
            .ToList();
        return tips.Count == 0 ? BigInteger.Zero : tips[tips.Count / 2];
    }
}
