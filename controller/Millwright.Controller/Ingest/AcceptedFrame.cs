using Millwright.Controller.Devices;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Ingest;

/// <summary>A verified frame or gap record, ready for the batch writer, with the key generation that verified it
/// (its controller key signs the ack).</summary>
public sealed record AcceptedFrame(ReceivedMessage Message, FrameToStore Frame, VerificationKey Key) : IngestItem(Message);
