using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Ingest;

/// <summary>What the batch writer collected for one storage round: frames to store in one transaction,
/// rejections to quarantine, statuses, and command results.</summary>
internal sealed class IngestBatch
{
    internal List<AcceptedFrame> Frames { get; } = [];

    internal List<RejectedMessage> Rejected { get; } = [];

    internal List<AcceptedStatus> Statuses { get; } = [];

    internal List<AcceptedCommandResult> CommandResults { get; } = [];

    internal int Count => Frames.Count + Rejected.Count + Statuses.Count + CommandResults.Count;

    internal void Add(IngestItem item)
    {
        switch (item)
        {
            case AcceptedFrame frame: Frames.Add(frame); break;
            case RejectedMessage rejected: Rejected.Add(rejected); break;
            case AcceptedStatus status: Statuses.Add(status); break;
            case AcceptedCommandResult result: CommandResults.Add(result); break;
        }
    }

    internal void Clear()
    {
        Frames.Clear();
        Rejected.Clear();
        Statuses.Clear();
        CommandResults.Clear();
    }

    internal List<FrameToStore> FramesToStore() => Frames.ConvertAll(f => f.Frame);
}
