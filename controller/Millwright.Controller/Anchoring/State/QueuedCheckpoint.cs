namespace Millwright.Controller.Anchoring.State;

/// <summary>A checkpoint waiting to be anchored, since when.</summary>
internal sealed record QueuedCheckpoint(LogCheckpoint Checkpoint, DateTimeOffset QueuedAt);
