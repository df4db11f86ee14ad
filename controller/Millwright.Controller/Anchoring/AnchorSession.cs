using Millwright.Controller.Anchoring.Anvil;
using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Anchoring;

/// <summary>A connected chain with its deployed contract, the state store for it, and the local Anvil node if it is ours.</summary>
internal sealed record AnchorSession(IAnchorChain Chain, IAnchorStateStore Store, AnvilNode? Anvil);
