using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>MillwrightAnchor.latestSize() view.</summary>
[Function("latestSize", "uint64")]
internal sealed class LatestSizeFunction : FunctionMessage;
