namespace Millwright.Controller.Storage.Sqlite;

/// <summary>A (device, epoch) a batch touches: its coverage as loaded (cached, untouched until commit) and the copy the
/// batch updates.</summary>
internal sealed class TouchedSequence(long deviceKey, string deviceId, int epoch, SequenceCoverage before)
{
    public long DeviceKey { get; } = deviceKey;

    public string DeviceId { get; } = deviceId;

    public int Epoch { get; } = epoch;

    public SequenceCoverage Before { get; } = before;

    public SequenceCoverage After { get; } = before.Clone();

    public bool IslandsChanged => !Before.Islands.SequenceEqual(After.Islands);

    public bool Changed => Before.Contiguous != After.Contiguous || IslandsChanged;
}
