namespace Millwright.Controller.Anchoring;

/// <summary>
/// Anchoring the frame log's checkpoints on an EVM chain (configuration section "Millwright:Anchoring"). With no
/// <see cref="RpcUrl"/> the controller runs a local Anvil node whose chain lives in the data directory.
/// </summary>
public sealed class AnchorOptions
{
    public const string Section = "Millwright:Anchoring";

    /// <summary>Environment variable that holds the keystore password (wins over <see cref="PasswordFile"/>).</summary>
    public const string PasswordVariable = "MILLWRIGHT_ANCHOR_PASSWORD";

    public bool Enabled { get; set; } = true;

    /// <summary>JSON-RPC endpoint (http or https) of the chain; empty: start a local Anvil node.</summary>
    public string RpcUrl { get; set; } = string.Empty;

    /// <summary>The chain's id (EIP-155); transactions are signed for it and the endpoint must report it. Anvil's is 31337.</summary>
    public long ChainId { get; set; } = 31337;

    /// <summary>An already deployed anchor contract; empty: deploy one on first start and record its address in the data directory.</summary>
    public string ContractAddress { get; set; } = string.Empty;

    /// <summary>Encrypted keystore (Web3 Secret Storage) of the anchoring account; empty: anchoring/anchor-keystore.json in the data directory. Created on first start when missing.</summary>
    public string KeystorePath { get; set; } = string.Empty;

    /// <summary>File whose first line is the keystore password, when <see cref="PasswordVariable"/> is not set. Required for a configured <see cref="RpcUrl"/>; for the local Anvil chain one is generated.</summary>
    public string PasswordFile { get; set; } = string.Empty;

    /// <summary>Blocks, counting the one that holds the anchor, before a checkpoint counts as anchored.</summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>New frames that trigger a checkpoint.</summary>
    public long MinFrames { get; set; } = 1000;

    /// <summary>Longest time a stored frame waits for a checkpoint (one is published then even if fewer than <see cref="MinFrames"/> arrived).</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the service looks at the log and the chain.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A sent anchor still unmined after this long is replaced (same nonce) with higher fees.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How much a replacement raises both fees, in percent (at least 12.5: nodes refuse smaller raises).</summary>
    public double FeeBumpPercent { get; set; } = 12.5;

    /// <summary>Upper bound of the fee cap per gas, in gwei; fees are never bumped past it.</summary>
    public decimal MaxFeePerGasGwei { get; set; } = 500;

    /// <summary>Gas limit of an anchor transaction; 0: the node's estimate plus 25 %.</summary>
    public long GasLimit { get; set; }

    /// <summary>Wait after a failure (a revert, an unfunded account) before anchoring is tried again.</summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Blocks after which an anchored checkpoint is no longer checked for reorganisations (it moves to the history file).</summary>
    public int FinalityDepth { get; set; } = 64;

    /// <summary>Time allowed for one JSON-RPC request.</summary>
    public TimeSpan RpcTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Folder with the contract's package.json and package-lock.json (Anvil is installed there by npm ci); empty: controller/contracts found above the program or the working directory.</summary>
    public string ContractsDirectory { get; set; } = string.Empty;

    /// <summary>An Anvil executable to use instead of the one npm installs into <see cref="ContractsDirectory"/>.</summary>
    public string AnvilPath { get; set; } = string.Empty;

    /// <summary>How often the local Anvil chain is saved to the data directory (only when a block was added).</summary>
    public TimeSpan AnvilStateInterval { get; set; } = TimeSpan.FromSeconds(1);

    internal bool UsesLocalAnvil => string.IsNullOrWhiteSpace(RpcUrl);
}
