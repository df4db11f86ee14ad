using Microsoft.Extensions.Logging;
using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Anchoring;

/// <summary>The current <see cref="AnchorState"/>, saved through the store before it becomes current.</summary>
internal sealed class AnchorStateKeeper
{
    private readonly IAnchorStateStore _store;

    private AnchorStateKeeper(IAnchorStateStore store, AnchorState state)
    {
        _store = store;
        State = state;
    }

    public AnchorState State { get; private set; }

    public IAnchorStateStore Store => _store;

    /// <summary>Loads the saved state; a state of another chain or contract is set aside for a fresh one.</summary>
    public static async Task<AnchorStateKeeper> OpenAsync(
        IAnchorStateStore store, long chainId, string contractAddress, ILogger logger, CancellationToken cancellationToken)
    {
        AnchorState? saved = await store.LoadAsync(cancellationToken);
        if (saved is not null && saved.ChainId == chainId && string.Equals(saved.ContractAddress, contractAddress, StringComparison.OrdinalIgnoreCase))
        {
            return new AnchorStateKeeper(store, saved);
        }

        if (saved is not null)
        {
            AnchorLog.StateReset(logger, store is FileAnchorStateStore file ? file.StatePath : store.GetType().Name,
                saved.ContractAddress, saved.ChainId, contractAddress, chainId);
            await store.SetAsideAsync(saved.ContractAddress, cancellationToken);
        }

        var keeper = new AnchorStateKeeper(store, AnchorState.Empty(chainId, contractAddress));
        await keeper.SaveAsync(keeper.State, cancellationToken);
        return keeper;
    }

    public async Task SaveAsync(AnchorState next, CancellationToken cancellationToken)
    {
        await _store.SaveAsync(next, cancellationToken);
        State = next;
    }
}
