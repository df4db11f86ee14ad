using Microsoft.Extensions.Logging;
using Millwright.Controller.Anchoring.Anvil;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.Keys;
using Millwright.Controller.Anchoring.State;
using Nethereum.JsonRpc.Client;
using Nethereum.KeyStore.Model;
using Nethereum.Web3;

namespace Millwright.Controller.Anchoring;

/// <summary>
/// Brings the anchoring chain up on first use: the keystore (created when missing), the chain (the local Anvil node,
/// started, with the account funded; or the configured endpoint, whose chain id must match), and the contract
/// (deployed on first start). Files live in {data}/anchoring; the local chain in {data}/chain.
/// </summary>
internal sealed partial class AnchorChainConnection : IAsyncDisposable
{
    private readonly AnchorOptions _options;
    private readonly string _dataDirectory;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ScryptParams? _keystoreCost;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AnchorSession? _session;
    private AnvilNode? _anvil;

    /// <param name="keystoreCost">Key-derivation cost for a new keystore; null: Nethereum's default. Tests pass a cheap one.</param>
    public AnchorChainConnection(AnchorOptions options, string dataDirectory, ILoggerFactory loggerFactory, ScryptParams? keystoreCost = null)
    {
        _options = options;
        _dataDirectory = dataDirectory;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<AnchorChainConnection>();
        _keystoreCost = keystoreCost;
    }

    public string AnchoringFolder => Path.Combine(_dataDirectory, "anchoring");

    public string ChainFolder => Path.Combine(_dataDirectory, "chain");

    public async Task<AnchorSession> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            return _session;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _session ??= await OpenAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>After the chain did not answer: restarts the local Anvil node if it is no longer running.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        if (_anvil is null || _anvil.IsRunning)
        {
            return;
        }

        await _anvil.StartAsync(cancellationToken);
        Reset(); // connect anew: another port, perhaps, and a chain restored from its last save must still hold the contract
    }

    /// <summary>Forgets the connection; the next <see cref="ConnectAsync"/> opens it again (and deploys a contract if the chain lost it).</summary>
    public void Reset() => _session = null;

    public async ValueTask DisposeAsync()
    {
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<AnchorSession> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(AnchoringFolder);
        (string password, bool generated) = await AnchorPassword.ResolveAsync(_options, AnchoringFolder, cancellationToken);
        string keystorePath = _options.KeystorePath.Length > 0 ? Path.GetFullPath(_options.KeystorePath) : Path.Combine(AnchoringFolder, "anchor-keystore.json");
        (byte[] key, string address, bool created) = await AnchorKeystore.OpenOrCreateAsync(keystorePath, password, _keystoreCost, cancellationToken);
        if (created)
        {
            Log.KeystoreCreated(_logger, address, keystorePath, generated ? Path.Combine(AnchoringFolder, AnchorPassword.GeneratedFileName) : "the configured password");
        }

        Uri url = await ChainUrlAsync(address, cancellationToken);
        ClientBase.ConnectionTimeout = _options.RpcTimeout; // Nethereum's only timeout is process-wide; only anchoring uses Nethereum
        var web3 = new Web3(new RpcClient(url));
        long chainId = (long)(await RpcCall.RunAsync("eth_chainId", () => web3.Eth.ChainId.SendRequestAsync(), cancellationToken)).Value;
        if (chainId != _options.ChainId)
        {
            throw new InvalidOperationException($"{AnchorOptions.Section}:ChainId is {_options.ChainId} but {url} serves chain {chainId}");
        }

        var signer = new TransactionSigner(key, chainId);
        AnchorPolicy policy = AnchorPolicy.From(_options);
        var deployer = new ContractDeployer(web3, signer, new ChainFeeOracle(web3, policy.MaxFeePerGas), AnchoringFolder, _loggerFactory.CreateLogger<ContractDeployer>());
        string contract = await deployer.EnsureDeployedAsync(_options.ContractAddress, cancellationToken);
        if (_anvil is not null)
        {
            await _anvil.SaveStateAsync(cancellationToken); // the contract survives even a kill within the first save interval
        }

        var chain = new EthereumAnchorChain(web3, signer, contract, policy.MaxFeePerGas, _options.GasLimit);
        Log.Connected(_logger, url, chainId, contract, address);
        return new AnchorSession(chain, new FileAnchorStateStore(AnchoringFolder, chainId), _anvil);
    }

    private async Task<Uri> ChainUrlAsync(string address, CancellationToken cancellationToken)
    {
        if (!_options.UsesLocalAnvil)
        {
            return new Uri(_options.RpcUrl);
        }

        if (_anvil is null)
        {
            string executable = await AnvilInstaller.ResolveAsync(_options, cancellationToken);
            _anvil = new AnvilNode(executable, ChainFolder, _options.ChainId, _options.AnvilStateInterval, _loggerFactory.CreateLogger<AnvilNode>());
        }

        await _anvil.StartAsync(cancellationToken);
        await _anvil.FundAsync(address, cancellationToken);
        return _anvil.RpcUrl;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Created the anchoring keystore {Path} for account {Address}; its password is {PasswordSource}")]
        public static partial void KeystoreCreated(ILogger logger, string address, string path, string passwordSource);

        [LoggerMessage(Level = LogLevel.Information, Message = "Anchoring on {Url} (chain {ChainId}) in contract {Contract} as {Account}")]
        public static partial void Connected(ILogger logger, Uri url, long chainId, string contract, string account);
    }
}
