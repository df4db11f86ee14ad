using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Millwright.Controller.Anchoring.Contract;

/// <summary>event CheckpointAnchored(uint64 indexed size, bytes32 root, uint64 previousSize, uint64 blockTime).</summary>
[Event("CheckpointAnchored")]
internal sealed class CheckpointAnchoredEvent : IEventDTO
{
    [Parameter("uint64", "size", 1, true)]
    public ulong Size { get; set; }

    [Parameter("bytes32", "root", 2, false)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint64", "previousSize", 3, false)]
    public ulong PreviousSize { get; set; }

    [Parameter("uint64", "blockTime", 4, false)]
    public ulong BlockTime { get; set; }
}
