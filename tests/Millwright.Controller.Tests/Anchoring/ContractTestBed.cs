using System.Numerics;
using Microsoft.Extensions.Logging.Abstractions;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Anvil;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.Contract;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>A bare Anvil node (automine) with funded throw-away accounts, for testing the contract's rules directly.</summary>
internal sealed class ContractTestBed : IAsyncDisposable
{
    private const long ChainId = 31337;
    private readonly string _folder;
    private readonly AnvilNode _node;

    private ContractTestBed(string folder, AnvilNode node)
    {
        _folder = folder;
        _node = node;
        Cheats = new AnvilCheats(node.RpcUrl);
    }

    public AnvilCheats Cheats { get; }

    public Uri Url => _node.RpcUrl;

    public static async Task<ContractTestBed> StartAsync()
    {
        string executable = await AnvilAvailability.RequireAsync();
        string folder = Path.Combine(Path.GetTempPath(), "millwright-contract-" + Guid.NewGuid().ToString("N"));
        var node = new AnvilNode(executable, folder, ChainId, TimeSpan.FromHours(1), NullLogger.Instance);
        await node.StartAsync(TestContext.Current.CancellationToken);
        return new ContractTestBed(folder, node);
    }

    public async Task<TransactionSigner> NewAccountAsync()
    {
        EthECKey key = EthECKey.GenerateKey();
        var signer = new TransactionSigner(key.GetPrivateKeyAsBytes(), ChainId);
        await Cheats.SetBalanceAsync(signer.Address, BigInteger.Pow(10, 20));
        return signer;
    }

    /// <summary>Deploys MillwrightAnchor from <paramref name="owner"/> with <paramref name="anchorer"/> as the first anchorer.</summary>
    public async Task<string> DeployAsync(TransactionSigner owner, string anchorer)
    {
        string data = new MillwrightAnchorDeployment { InitialAnchorer = anchorer }.GetDeploymentData().ToHex(true);
        TransactionReceipt receipt = await SendAsync(owner, null, data, 2_000_000);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        return receipt.ContractAddress;
    }

    /// <summary>Sends a call with a fixed gas limit (no estimate, so a reverting call is mined with status 0) and returns its receipt.</summary>
    public async Task<TransactionReceipt> SendAsync(TransactionSigner from, string? to, string data, long gas = 300_000)
    {
        long nonce = await Cheats.NonceAsync(from.Address);
        BigInteger baseFee = await Cheats.BaseFeeAsync();
        var fees = new FeeQuote(baseFee * 2 + 1_000_000_000, 1_000_000_000);
        SignedChainTransaction signed = from.Sign(to, data, nonce, fees, gas);
        await Cheats.Web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(signed.Raw);
        return await WaitForReceiptAsync(signed.Hash);
    }

    /// <summary>Anchors through the controller's chain code and waits until it is mined.</summary>
    public async Task<TransactionReceipt> AnchorAsync(IAnchorChain chain, LogCheckpoint checkpoint)
    {
        SignedChainTransaction sent = await chain.AnchorAsync(checkpoint, TestContext.Current.CancellationToken);
        return await WaitForReceiptAsync(sent.Hash);
    }

    public async Task<TransactionReceipt> WaitForReceiptAsync(string hash)
    {
        TransactionReceipt? receipt = null;
        for (int attempt = 0; attempt < 100 && receipt is null; attempt++)
        {
            receipt = await Cheats.ReceiptAsync(hash);
            if (receipt is null)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }

        return receipt ?? throw new TimeoutException($"transaction {hash} was not mined");
    }

    public Task<TransactionReceipt> CallAsync<TFunction>(TransactionSigner from, string contract, TFunction function)
        where TFunction : FunctionMessage, new() =>
        SendAsync(from, contract, function.GetCallData().ToHex(true));

    public Task<string> QueryAddressAsync<TFunction>(string contract)
        where TFunction : FunctionMessage, new() =>
        Cheats.Web3.Eth.GetContractQueryHandler<TFunction>().QueryAsync<string>(contract, new TFunction());

    /// <summary>The anchoring chain as <paramref name="signer"/> sees it: what the controller would use with that key.</summary>
    public EthereumAnchorChain ChainFor(TransactionSigner signer, string contract) =>
        new(Cheats.Web3, signer, contract, BigInteger.Pow(10, 12), 0);

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
