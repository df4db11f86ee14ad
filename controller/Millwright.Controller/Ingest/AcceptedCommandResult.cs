using Millwright.Protocol.Messages;

namespace Millwright.Controller.Ingest;

/// <summary>A verified command result. Only logged for now: the actuation issue stores and matches them.</summary>
public sealed record AcceptedCommandResult(ReceivedMessage Message, CommandResult Result) : IngestItem(Message);
