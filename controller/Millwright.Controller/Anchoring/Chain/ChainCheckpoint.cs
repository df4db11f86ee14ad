namespace Millwright.Controller.Anchoring.Chain;

/// <summary>A checkpoint as the contract stores it: the block (number and time, Unix seconds) whose transaction recorded it.</summary>
internal sealed record ChainCheckpoint(LogCheckpoint Checkpoint, long BlockTime, long BlockNumber);
