namespace Millwright.Controller.Anchoring.State;

/// <summary>
/// The one anchor transaction under way: its nonce, and every signed version sent with that nonce (any of them may be
/// the one mined, so all are watched until the nonce is used).
/// </summary>
internal sealed record InFlightAnchor(long Nonce, IReadOnlyList<SentTransaction> Transactions, DateTimeOffset LastSentAt)
{
    public SentTransaction Latest => Transactions[^1];

    public LogCheckpoint Target => Latest.Target;
}
