using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>What checkpoint(size) returns.</summary>
[FunctionOutput]
internal sealed class CheckpointOutput : IFunctionOutputDTO
{
    [Parameter("bytes32", "root", 1)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint64", "blockTime", 2)]
    public ulong BlockTime { get; set; }

    [Parameter("uint64", "blockNumber", 3)]
    public ulong BlockNumber { get; set; }
}
