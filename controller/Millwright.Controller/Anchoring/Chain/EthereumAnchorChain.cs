using System.Numerics;
using Millwright.Controller.Anchoring.Contract;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Millwright.Controller.Anchoring.Chain;

/// <summary><see cref="IAnchorChain"/> over JSON-RPC with Nethereum: typed contract messages, offline signing.</summary>
internal sealed class EthereumAnchorChain : IAnchorChain
{
    private const int GasMarginPercent = 25;
    private readonly IWeb3 _web3;
    private readonly TransactionSigner _signer;
    private readonly ChainFeeOracle _fees;
    private readonly long _configuredGasLimit;

    public EthereumAnchorChain(IWeb3 web3, TransactionSigner signer, string contractAddress, BigInteger maxFeePerGas, long gasLimit)
    {
        _web3 = web3;
        _signer = signer;
        ContractAddress = contractAddress;
        _fees = new ChainFeeOracle(web3, maxFeePerGas);
        _configuredGasLimit = gasLimit;
    }

    public long ChainId => _signer.ChainId;

    public string ContractAddress { get; }

    public string AnchorerAddress => _signer.Address;

    public async Task<long> GetBlockNumberAsync(CancellationToken cancellationToken) =>
        (long)(await RpcCall.RunAsync("eth_blockNumber", () => _web3.Eth.Blocks.GetBlockNumber.SendRequestAsync(), cancellationToken)).Value;

    public async Task<long> GetNonceAsync(bool includePending, CancellationToken cancellationToken)
    {
        BlockParameter block = includePending ? BlockParameter.CreatePending() : BlockParameter.CreateLatest();
        HexBigInteger nonce = await RpcCall.RunAsync("eth_getTransactionCount",
            () => _web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(_signer.Address, block), cancellationToken);
        return (long)nonce.Value;
    }

    public Task<FeeQuote> SuggestFeesAsync(CancellationToken cancellationToken) => _fees.SuggestAsync(cancellationToken);

    public async Task<long> EstimateAnchorGasAsync(LogCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (_configuredGasLimit > 0)
        {
            return _configuredGasLimit;
        }

        var call = new CallInput(AnchorCallData(checkpoint), ContractAddress) { From = _signer.Address };
        try
        {
            HexBigInteger estimate = await RpcCall.RunAsync("eth_estimateGas",
                () => _web3.Eth.Transactions.EstimateGas.SendRequestAsync(call), cancellationToken);
            return (long)(estimate.Value * (100 + GasMarginPercent) / 100);
        }
        catch (RpcResponseException e)
        {
            throw new AnchorRevertedException($"{e.Message}: {AnchorContractErrors.Describe(RevertData(e.RpcError))}", e);
        }
    }

    public SignedChainTransaction SignAnchor(LogCheckpoint checkpoint, long nonce, FeeQuote fees, long gasLimit) =>
        _signer.Sign(ContractAddress, AnchorCallData(checkpoint), nonce, fees, gasLimit);

    public async Task BroadcastAsync(SignedChainTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await RpcCall.RunAsync("eth_sendRawTransaction",
                () => _web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(transaction.Raw), cancellationToken);
        }
        catch (RpcResponseException e) when (RejectionClassifier.IsAlreadyKnown(e.Message))
        {
            // The node holds this very transaction: sent.
        }
        catch (RpcResponseException e)
        {
            throw new TransactionRejectedException(RejectionClassifier.Classify(e.Message), $"the node refused transaction {transaction.Hash}: {e.Message}", e);
        }
    }

    public async Task<ChainReceipt?> GetReceiptAsync(string transactionHash, CancellationToken cancellationToken)
    {
        TransactionReceipt? receipt = await RpcCall.RunAsync("eth_getTransactionReceipt",
            () => _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash), cancellationToken);
        if (receipt?.BlockNumber is null || receipt.BlockHash is null)
        {
            return null;
        }

        return new ChainReceipt(
            receipt.TransactionHash, receipt.Status?.Value == BigInteger.One, (long)receipt.BlockNumber.Value, receipt.BlockHash,
            (long)(receipt.GasUsed?.Value ?? 0), receipt.EffectiveGasPrice?.Value ?? BigInteger.Zero);
    }

    public async Task<bool> IsKnownAsync(string transactionHash, CancellationToken cancellationToken)
    {
        Transaction? transaction = await RpcCall.RunAsync("eth_getTransactionByHash",
            () => _web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(transactionHash), cancellationToken);
        return transaction is not null;
    }

    public Task<ChainCheckpoint?> GetCheckpointAsync(long size, CancellationToken cancellationToken) =>
        CheckpointQuery.RunAsync(_web3, ContractAddress, size, cancellationToken);

    public async Task<long> GetLatestSizeAsync(CancellationToken cancellationToken)
    {
        ulong latest = await RpcCall.RunAsync("latestSize()",
            () => _web3.Eth.GetContractQueryHandler<LatestSizeFunction>()
                .QueryAsync<ulong>(ContractAddress, new LatestSizeFunction(), BlockParameter.CreateLatest()),
            cancellationToken);
        return (long)latest;
    }

    public async Task<SignedChainTransaction> AnchorAsync(LogCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        long gas = await EstimateAnchorGasAsync(checkpoint, cancellationToken);
        long nonce = await GetNonceAsync(includePending: true, cancellationToken);
        FeeQuote fees = await SuggestFeesAsync(cancellationToken);
        SignedChainTransaction signed = SignAnchor(checkpoint, nonce, fees, gas);
        await BroadcastAsync(signed, cancellationToken);
        return signed;
    }

    private static string AnchorCallData(LogCheckpoint checkpoint) =>
        new AnchorFunction { Size = (ulong)checkpoint.Size, Root = checkpoint.RootBytes() }.GetCallData().ToHex(true);

    private static string? RevertData(RpcError error)
    {
        try
        {
            return error.GetDataAsString();
        }
        catch (InvalidCastException)
        {
            return error.Data?.ToString();
        }
    }
}
