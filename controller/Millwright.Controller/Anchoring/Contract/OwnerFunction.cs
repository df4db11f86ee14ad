using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>MillwrightAnchor.owner() view.</summary>
[Function("owner", "address")]
internal sealed class OwnerFunction : FunctionMessage;
