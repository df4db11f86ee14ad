using System.Globalization;
using Millwright.Controller.Anchoring.State;

namespace Millwright.Controller.Proofs.Export;

/// <summary>
/// Reads the anchoring service's files in {data}/anchoring (anchor-state-{chainId}.json, anchors-{chainId}.jsonl; see
/// controller/contracts/README.md) without the service: both are written atomically or line by line, so reading while
/// the controller runs is safe. With no chain id given, the folder must hold the state of exactly one chain.
/// </summary>
internal sealed class AnchorStateFiles : IAnchorHistorySource
{
    private const string StatePrefix = "anchor-state-";
    private readonly string _folder;
    private readonly long? _chainId;

    public AnchorStateFiles(string anchoringFolder, long? chainId)
    {
        _folder = anchoringFolder;
        _chainId = chainId;
    }

    public static string FolderOf(string dataDirectory) => Path.Combine(dataDirectory, "anchoring");

    public async Task<AnchorHistory?> LoadAsync(CancellationToken cancellationToken)
    {
        long? chainId = _chainId ?? FindOnlyChain();
        if (chainId is null)
        {
            return null;
        }

        var store = new FileAnchorStateStore(_folder, chainId.Value);
        AnchorState? state = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
        return state is null ? null : AnchorHistory.From(state, await store.ReadFinalAsync(cancellationToken).ConfigureAwait(false));
    }

    private long? FindOnlyChain()
    {
        if (!Directory.Exists(_folder))
        {
            return null;
        }

        // anchor-state-{chainId}.json; a set-aside file of an earlier contract (anchor-state-{chainId}.{address}.json) does not parse.
        List<long> chains = Directory.EnumerateFiles(_folder, StatePrefix + "*.json")
            .Select(path => Path.GetFileNameWithoutExtension(path)[StatePrefix.Length..])
            .Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long chain) ? chain : (long?)null)
            .OfType<long>()
            .Order()
            .ToList();
        return chains.Count switch
        {
            0 => null,
            1 => chains[0],
            _ => throw new ProofUnavailableException(ProofUnavailableReason.ChainAmbiguous,
                $"{_folder} holds anchoring state for chains {string.Join(", ", chains)}: name one (--chain-id)"),
        };
    }
}
