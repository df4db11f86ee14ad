namespace Millwright.Controller.Anchoring.State;

/// <summary>The last thing that went wrong, for operators: when, for which tree size, and why.</summary>
internal sealed record AnchorFailure(DateTimeOffset At, long? Size, string Reason);
