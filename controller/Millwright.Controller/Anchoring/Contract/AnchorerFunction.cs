using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>MillwrightAnchor.anchorer() view.</summary>
[Function("anchorer", "address")]
internal sealed class AnchorerFunction : FunctionMessage;
