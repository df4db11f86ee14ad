using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.Signer;

namespace Millwright.Controller.Anchoring.Chain;

/// <summary>Signs EIP-1559 (type 2) transactions offline for one chain with the anchoring key.</summary>
internal sealed class TransactionSigner
{
    private readonly EthECKey _key;
    private readonly Transaction1559Signer _signer = new();

    public TransactionSigner(byte[] privateKey, long chainId)
    {
        _key = new EthECKey(privateKey, true);
        ChainId = chainId;
        Address = _key.GetPublicAddress();
    }

    public long ChainId { get; }

    public string Address { get; }

    /// <summary>Signs a call to <paramref name="to"/> (null: a contract creation) carrying <paramref name="data"/> (hex).</summary>
    public SignedChainTransaction Sign(string? to, string data, long nonce, FeeQuote fees, long gasLimit)
    {
        var transaction = new Transaction1559(
            ChainId, nonce, fees.MaxPriorityFeePerGas, fees.MaxFeePerGas, gasLimit, to ?? string.Empty, BigInteger.Zero, data, null);
        _signer.SignTransaction(_key, transaction);
        return new SignedChainTransaction(
            transaction.Hash.ToHex(true), transaction.GetRLPEncoded().ToHex(true), nonce, fees.MaxFeePerGas, fees.MaxPriorityFeePerGas, gasLimit);
    }
}
