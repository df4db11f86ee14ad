using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>MillwrightAnchor.checkpoint(uint64 size) view: all zero when none was anchored for that size.</summary>
[Function("checkpoint", typeof(CheckpointOutput))]
internal sealed class CheckpointFunction : FunctionMessage
{
    [Parameter("uint64", "size", 1)]
    public ulong Size { get; set; }
}
