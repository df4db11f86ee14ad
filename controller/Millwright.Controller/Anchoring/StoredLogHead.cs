using Millwright.Controller.Storage;

namespace Millwright.Controller.Anchoring;

/// <summary>The head of the frame log the store keeps: its size and root, read from the stored Merkle nodes.</summary>
internal sealed class StoredLogHead : IMerkleLogHead
{
    private readonly IMerkleLogStore _log;

    public StoredLogHead(IMerkleLogStore log) => _log = log;

    public async ValueTask<LogCheckpoint?> GetHeadAsync(CancellationToken cancellationToken)
    {
        long size = await _log.GetLogSizeAsync(cancellationToken).ConfigureAwait(false);
        if (size == 0)
        {
            return null;
        }

        byte[] root = await _log.GetLogRootAsync(size, cancellationToken).ConfigureAwait(false);
        return LogCheckpoint.FromRoot(size, root);
    }
}
