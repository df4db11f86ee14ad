using Millwright.Controller.Storage;
using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Merkle;

namespace Millwright.Controller.Tests.Proofs;

/// <summary>The Merkle log read contract over the protocol library's in-memory tree: what the SQLite log must answer.</summary>
internal sealed class FakeMerkleLog : IMerkleLogStore
{
    private readonly MerkleTree _tree = new();
    private readonly List<StoredFrame> _frames = [];

    public long Size => _tree.Size;

    public StoredFrame Append(string deviceId, int epoch, long sequence, byte[] signed, FrameKind kind = FrameKind.Readings)
    {
        _tree.Append(signed);
        var frame = new StoredFrame(_frames.Count + 1, deviceId, epoch, sequence, kind, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), signed);
        _frames.Add(frame);
        return frame;
    }

    public byte[] Root(long size) => _tree.GetRoot(size);

    public Task<long> GetLogSizeAsync(CancellationToken cancellationToken) => Task.FromResult(_tree.Size);

    public Task<byte[]> GetLogRootAsync(long treeSize, CancellationToken cancellationToken) => Task.FromResult(_tree.GetRoot(treeSize));

    public Task<IReadOnlyList<byte[]>> GetInclusionProofAsync(long leafIndex, long treeSize, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<byte[]>>(_tree.GetInclusionProof(leafIndex, treeSize));

    public Task<IReadOnlyList<byte[]>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<byte[]>>(_tree.GetConsistencyProof(oldSize, newSize));

    public Task<StoredFrame?> GetFrameAsync(long logIndex, CancellationToken cancellationToken) =>
        Task.FromResult(logIndex >= 1 && logIndex <= _frames.Count ? _frames[(int)logIndex - 1] : null);

    public Task<StoredFrame?> FindFrameAsync(string deviceId, int epoch, long sequence, CancellationToken cancellationToken) =>
        Task.FromResult(_frames.FirstOrDefault(f => f.DeviceId == deviceId && f.Epoch == epoch && f.Sequence == sequence));
}
