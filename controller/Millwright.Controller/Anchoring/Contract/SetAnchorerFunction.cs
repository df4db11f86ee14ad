using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>MillwrightAnchor.setAnchorer(address): owner only.</summary>
[Function("setAnchorer")]
internal sealed class SetAnchorerFunction : FunctionMessage
{
    [Parameter("address", "newAnchorer", 1)]
    public string NewAnchorer { get; set; } = string.Empty;
}
