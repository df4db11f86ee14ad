using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage;

/// <summary>
/// The frame log as an RFC 9162 Merkle tree: every stored frame is a leaf, in storage order (leaf index = log index
/// − 1, leaf hash = SHA-256(0x00 ‖ signed frame bytes)), and the tree size is the number of stored frames. The hashes
/// are written in the same transaction as the frames, so the log and the frame table never disagree; every answer
/// below reads O(log n) stored hashes and rebuilds nothing.
/// </summary>
public interface IMerkleLogStore
{
    /// <summary>Number of leaves (= stored frames).</summary>
    Task<long> GetLogSizeAsync(CancellationToken cancellationToken);

    /// <summary>MTH of the first <paramref name="treeSize"/> leaves (32 bytes); 1 ≤ treeSize ≤ size.</summary>
    Task<byte[]> GetLogRootAsync(long treeSize, CancellationToken cancellationToken);

    /// <summary>RFC 9162 §2.1.3 inclusion path of leaf <paramref name="leafIndex"/> in the tree of
    /// <paramref name="treeSize"/> leaves, bottom-up; 0 ≤ leafIndex &lt; treeSize ≤ size.</summary>
    Task<IReadOnlyList<byte[]>> GetInclusionProofAsync(long leafIndex, long treeSize, CancellationToken cancellationToken);

    /// <summary>RFC 9162 §2.1.4 consistency proof from <paramref name="oldSize"/> to <paramref name="newSize"/>;
    /// 1 ≤ oldSize ≤ newSize ≤ size.</summary>
    Task<IReadOnlyList<byte[]>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken);

    /// <summary>The stored frame with this log index (dense from 1), or null.</summary>
    Task<StoredFrame?> GetFrameAsync(long logIndex, CancellationToken cancellationToken);

    /// <summary>The stored frame of a device at (epoch, sequence), or null.</summary>
    Task<StoredFrame?> FindFrameAsync(string deviceId, int epoch, long sequence, CancellationToken cancellationToken);
}
