using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.Contract;

namespace Millwright.Controller.Tests.Anchoring;

public sealed class LogCheckpointTests
{
    [Fact]
    public void Checkpoints_are_equal_by_size_and_root_whatever_the_hex_case()
    {
        string root = "0x" + new string('A', 64);
        Assert.Equal(new LogCheckpoint(3, root), new LogCheckpoint(3, root.ToLowerInvariant()));
        Assert.NotEqual(new LogCheckpoint(3, root), new LogCheckpoint(4, root));
        Assert.Equal(Convert.FromHexString(new string('A', 64)), new LogCheckpoint(3, root).RootBytes());
    }

    [Theory]
    [InlineData(0, "0x0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData(1, "0x00")]
    [InlineData(1, "0000000000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData(1, "0xz000000000000000000000000000000000000000000000000000000000000001")]
    public void Malformed_checkpoints_are_refused(long size, string root)
    {
        Assert.ThrowsAny<ArgumentException>(() => new LogCheckpoint(size, root));
    }

    [Theory]
    [InlineData("nonce too low: next nonce 5, tx nonce 4", nameof(TransactionRejection.NonceTooLow))]
    [InlineData("replacement transaction underpriced", nameof(TransactionRejection.Underpriced))]
    [InlineData("max fee per gas less than block base fee", nameof(TransactionRejection.Underpriced))]
    [InlineData("insufficient funds for gas * price + value", nameof(TransactionRejection.InsufficientFunds))]
    [InlineData("something else", nameof(TransactionRejection.Other))]
    public void Node_refusals_are_classified_by_their_words(string message, string expected)
    {
        Assert.Equal(expected, RejectionClassifier.Classify(message).ToString());
    }

    [Fact]
    public void Revert_data_names_the_contract_error()
    {
        // SizeMustGrow(uint64,uint64) selector, then two ABI words
        string data = "0x" + Convert.ToHexStringLower(Nethereum.Util.Sha3Keccack.Current.CalculateHash("SizeMustGrow(uint64,uint64)"u8.ToArray()), 0, 4) + new string('0', 128);
        Assert.StartsWith("SizeMustGrow(uint64,uint64)", AnchorContractErrors.Describe(data), StringComparison.Ordinal);
        Assert.StartsWith("revert data 0xdeadbeef", AnchorContractErrors.Describe("0xdeadbeef"), StringComparison.Ordinal);
        Assert.Equal("no revert data", AnchorContractErrors.Describe(null));
    }
}
