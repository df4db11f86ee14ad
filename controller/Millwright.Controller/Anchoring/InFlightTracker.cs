using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Anchoring;

/// <summary>Looks up the versions of the in-flight anchor on the chain, newest first (any one of them may be mined).</summary>
internal sealed class InFlightTracker
{
    private readonly IAnchorChain _chain;

    public InFlightTracker(IAnchorChain chain) => _chain = chain;

    public async Task<(SentTransaction Sent, ChainReceipt Receipt)?> FindMinedAsync(InFlightAnchor inFlight, CancellationToken cancellationToken)
    {
        for (int index = inFlight.Transactions.Count - 1; index >= 0; index--)
        {
            SentTransaction sent = inFlight.Transactions[index];
            ChainReceipt? receipt = await _chain.GetReceiptAsync(sent.Hash, cancellationToken);
            if (receipt is not null)
            {
                return (sent, receipt);
            }
        }

        return null;
    }

    public async Task<bool> AnyKnownAsync(InFlightAnchor inFlight, CancellationToken cancellationToken)
    {
        for (int index = inFlight.Transactions.Count - 1; index >= 0; index--)
        {
            if (await _chain.IsKnownAsync(inFlight.Transactions[index].Hash, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
