using System.Security.Cryptography;
using Millwright.Controller.Anchoring;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>A frame log whose head the test sets; roots are SHA-256 of the size, so each size has its own root.</summary>
internal sealed class TestLogHead : IMerkleLogHead
{
    private volatile LogCheckpoint? _head;

    public LogCheckpoint? Head => _head;

    public static LogCheckpoint CheckpointOf(long size) =>
        LogCheckpoint.FromRoot(size, SHA256.HashData(BitConverter.GetBytes(size)));

    public LogCheckpoint Grow(long size) => _head = CheckpointOf(size);

    public ValueTask<LogCheckpoint?> GetHeadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_head);
}
