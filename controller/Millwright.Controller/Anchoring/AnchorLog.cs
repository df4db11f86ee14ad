using System.Numerics;
using Microsoft.Extensions.Logging;

namespace Millwright.Controller.Anchoring;

/// <summary>The anchoring service's log lines.</summary>
internal static partial class AnchorLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint size {Size} root {Root} queued for anchoring")]
    public static partial void Queued(ILogger logger, long size, string root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Anchor for size {Size} sent: transaction {Hash}, nonce {Nonce}, fee cap {MaxFee} wei, tip {Tip} wei")]
    public static partial void Submitted(ILogger logger, long size, string hash, long nonce, BigInteger maxFee, BigInteger tip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchor for size {Size} replaced with the same nonce {Nonce} ({Why}): transaction {Hash}, fee cap {MaxFee} wei, tip {Tip} wei")]
    public static partial void Replaced(ILogger logger, long size, long nonce, string why, string hash, BigInteger maxFee, BigInteger tip);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchor for size {Size} is stuck and its fees are at the cap of {Cap} wei: waiting")]
    public static partial void FeeCapReached(ILogger logger, long size, BigInteger cap);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchor transaction {Hash} (nonce {Nonce}) is unknown to the node: sent again")]
    public static partial void Rebroadcast(ILogger logger, string hash, long nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The anchoring account's nonce is {ChainNonce}, the anchor in flight has {Nonce}: signing it again with a fresh nonce")]
    public static partial void NonceResync(ILogger logger, long chainNonce, long nonce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node refused an anchor transaction: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint size {Size} is in block {Block}; waiting for {Confirmations} confirmations")]
    public static partial void Included(ILogger logger, long size, long block, int confirmations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint size {Size} root {Root} anchored in block {Block} with {Confirmations} confirmations (transaction {Hash}, gas used {GasUsed})")]
    public static partial void Confirmed(ILogger logger, long size, string root, long block, long confirmations, string? hash, long? gasUsed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Anchor transaction {Hash} for size {Size} reverted (status 0) in block {Block}; retrying after the failure backoff")]
    public static partial void Reverted(ILogger logger, string hash, long size, long block);

    [LoggerMessage(Level = LogLevel.Error, Message = "Anchoring size {Size} failed: {Reason}")]
    public static partial void Failed(ILogger logger, long size, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint size {Size} root {Root} is no longer on the chain (reorganisation or a chain restored from an older state): anchoring it again")]
    public static partial void Reorged(ILogger logger, long size, string root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint size {Size} moved from block {OldBlock} to block {NewBlock} in a reorganisation")]
    public static partial void Moved(ILogger logger, long size, long oldBlock, long newBlock);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checkpoint size {Size} will not be anchored: {Reason}")]
    public static partial void Dropped(ILogger logger, long size, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchoring state {Path} belongs to contract {Saved} on chain {SavedChain}, not {Contract} on chain {Chain}: it is set aside (renamed) and a new state begins")]
    public static partial void StateReset(ILogger logger, string path, string saved, long savedChain, string contract, long chain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The anchoring chain is unavailable: {Reason}")]
    public static partial void ChainUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "There is no anchor contract at {Address} any more (the chain was reset or lost): connecting anew")]
    public static partial void ContractMissing(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Error, Message = "Anchoring step failed; retrying in {Delay}")]
    public static partial void StepFailed(ILogger logger, Exception exception, TimeSpan delay);
}
