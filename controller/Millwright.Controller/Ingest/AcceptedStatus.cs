using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Ingest;

/// <summary>A verified status message (birth, periodic health, or the Will's death).</summary>
public sealed record AcceptedStatus(ReceivedMessage Message, DeviceHealth Health) : IngestItem(Message);
