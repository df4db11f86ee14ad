using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Ingest;

/// <summary>A message that failed a check, with its quarantine entry (raw bytes, topic, time, reason, detail).</summary>
public sealed record RejectedMessage(ReceivedMessage Message, QuarantineEntry Entry) : IngestItem(Message);
