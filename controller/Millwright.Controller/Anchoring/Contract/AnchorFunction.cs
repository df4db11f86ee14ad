using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>MillwrightAnchor.anchor(uint64 size, bytes32 root).</summary>
[Function("anchor")]
internal sealed class AnchorFunction : FunctionMessage
{
    [Parameter("uint64", "size", 1)]
    public ulong Size { get; set; }

    [Parameter("bytes32", "root", 2)]
    public byte[] Root { get; set; } = [];
}
