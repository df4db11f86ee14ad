using System.Text.Json;
using Microsoft.Extensions.Logging;
using Millwright.Controller.Anchoring.Contract;
using Millwright.Controller.Anchoring.State;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;

namespace Millwright.Controller.Anchoring.Chain;

/// <summary>
/// Makes sure the anchor contract exists: the configured address, else the one recorded for this chain, else a new
/// deployment (the anchoring account becomes owner and anchorer) recorded in anchor-contract-{chainId}.json.
/// </summary>
internal sealed partial class ContractDeployer
{
    private static readonly TimeSpan MiningTimeout = TimeSpan.FromMinutes(5);
    private readonly IWeb3 _web3;
    private readonly TransactionSigner _signer;
    private readonly ChainFeeOracle _fees;
    private readonly string _recordPath;
    private readonly ILogger _logger;

    public ContractDeployer(IWeb3 web3, TransactionSigner signer, ChainFeeOracle fees, string folder, ILogger logger)
    {
        _web3 = web3;
        _signer = signer;
        _fees = fees;
        _recordPath = Path.Combine(folder, $"anchor-contract-{signer.ChainId}.json");
        _logger = logger;
    }

    public async Task<string> EnsureDeployedAsync(string configuredAddress, CancellationToken cancellationToken)
    {
        if (configuredAddress.Length > 0)
        {
            string code = await CodeAtAsync(configuredAddress, cancellationToken);
            if (code.Length <= 2)
            {
                throw new InvalidOperationException($"{AnchorOptions.Section}:ContractAddress {configuredAddress} holds no contract on chain {_signer.ChainId}");
            }

            WarnIfOtherCode(configuredAddress, code);
            return configuredAddress;
        }

        ContractRecord? record = await LoadAsync(cancellationToken);
        if (record is not null)
        {
            string code = await CodeAtAsync(record.Address, cancellationToken);
            if (code.Length > 2)
            {
                WarnIfOtherCode(record.Address, code);
                if (!record.Deployed)
                {
                    await SaveAsync(record with { Deployed = true }, cancellationToken);
                }

                return record.Address;
            }

            if (!record.Deployed && await NonceAsync(pending: false, cancellationToken) == record.Nonce)
            {
                return await SendAndWaitAsync(record, cancellationToken); // crashed before (or while) sending it
            }

            Log.Redeploying(_logger, record.Address, _signer.ChainId);
        }

        return await DeployNewAsync(cancellationToken);
    }

    private async Task<string> DeployNewAsync(CancellationToken cancellationToken)
    {
        string data = new MillwrightAnchorDeployment { InitialAnchorer = _signer.Address }.GetDeploymentData().ToHex(true);
        long nonce = await NonceAsync(pending: true, cancellationToken);
        var estimateInput = new CallInput { From = _signer.Address, Data = data };
        HexBigInteger estimate = await RpcCall.RunAsync("eth_estimateGas",
            () => _web3.Eth.Transactions.EstimateGas.SendRequestAsync(estimateInput), cancellationToken);
        FeeQuote fees = await _fees.SuggestAsync(cancellationToken);
        SignedChainTransaction signed = _signer.Sign(null, data, nonce, fees, (long)(estimate.Value * 125 / 100));
        string address = ContractUtils.CalculateContractAddress(_signer.Address, nonce);
        var record = new ContractRecord(_signer.ChainId, address, _signer.Address, nonce, signed.Hash, signed.Raw, false, null);
        await SaveAsync(record, cancellationToken);
        return await SendAndWaitAsync(record, cancellationToken);
    }

    private async Task<string> SendAndWaitAsync(ContractRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await RpcCall.RunAsync("eth_sendRawTransaction",
                () => _web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(record.RawTransaction), cancellationToken);
        }
        catch (RpcResponseException e) when (RejectionClassifier.IsAlreadyKnown(e.Message))
        {
        }

        DateTime giveUp = DateTime.UtcNow + MiningTimeout;
        while (DateTime.UtcNow < giveUp)
        {
            TransactionReceipt? receipt = await RpcCall.RunAsync("eth_getTransactionReceipt",
                () => _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(record.TransactionHash), cancellationToken);
            if (receipt?.BlockNumber is not null)
            {
                if (receipt.Status?.Value != 1)
                {
                    throw new InvalidOperationException($"deploying the anchor contract failed: transaction {record.TransactionHash} reverted");
                }

                await SaveAsync(record with { Deployed = true, BlockNumber = (long)receipt.BlockNumber.Value }, cancellationToken);
                Log.Deployed(_logger, record.Address, _signer.ChainId, (long)receipt.BlockNumber.Value, _signer.Address);
                return record.Address;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new TimeoutException($"the anchor contract deployment {record.TransactionHash} was not mined within {MiningTimeout.TotalMinutes:0} minutes; it is retried at the next start");
    }

    private void WarnIfOtherCode(string address, string code)
    {
        if (!string.Equals(code, AnchorContractArtifacts.RuntimeBytecode, StringComparison.OrdinalIgnoreCase))
        {
            Log.OtherCode(_logger, address);
        }
    }

    private async Task<string> CodeAtAsync(string address, CancellationToken cancellationToken) =>
        await RpcCall.RunAsync("eth_getCode", () => _web3.Eth.GetCode.SendRequestAsync(address, BlockParameter.CreateLatest()), cancellationToken) ?? "0x";

    private async Task<long> NonceAsync(bool pending, CancellationToken cancellationToken) =>
        (long)(await RpcCall.RunAsync("eth_getTransactionCount", () => _web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(
            _signer.Address, pending ? BlockParameter.CreatePending() : BlockParameter.CreateLatest()), cancellationToken)).Value;

    private async Task<ContractRecord?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_recordPath))
        {
            return null;
        }

        await using FileStream stream = File.OpenRead(_recordPath);
        ContractRecord? record = await JsonSerializer.DeserializeAsync<ContractRecord>(stream, AnchorStateJson.Indented, cancellationToken);
        return record is not null && record.ChainId == _signer.ChainId ? record : null;
    }

    private Task SaveAsync(ContractRecord record, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(_recordPath, JsonSerializer.SerializeToUtf8Bytes(record, AnchorStateJson.Indented), cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Anchor contract deployed at {Address} on chain {ChainId} in block {Block}; owner and anchorer {Account}")]
        public static partial void Deployed(ILogger logger, string address, long chainId, long block, string account);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The recorded anchor contract {Address} is not on chain {ChainId} (a chain reset?): deploying a new one")]
        public static partial void Redeploying(ILogger logger, string address, long chainId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The contract at {Address} is not this build's MillwrightAnchor (its code differs); using it as an anchor contract anyway")]
        public static partial void OtherCode(ILogger logger, string address);
    }
}
