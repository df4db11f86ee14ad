using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>MillwrightAnchor.transferOwnership(address): owner only.</summary>
[Function("transferOwnership")]
internal sealed class TransferOwnershipFunction : FunctionMessage
{
    [Parameter("address", "newOwner", 1)]
    public string NewOwner { get; set; } = string.Empty;
}
