namespace Millwright.Controller.Anchoring.State;

/// <summary>The anchoring state machine's last transition, kept for operators and tests.</summary>
internal enum AnchorPhase
{
    /// <summary>Nothing waits to be anchored.</summary>
    Idle,

    /// <summary>An anchor transaction is signed, persisted and sent, and not yet in a block.</summary>
    Submitted,

    /// <summary>The checkpoint is in a block; waiting for the configured confirmations.</summary>
    Confirming,

    /// <summary>The checkpoint reached its confirmations.</summary>
    Confirmed,

    /// <summary>A reorganisation removed a checkpoint; it is queued again.</summary>
    Reorged,

    /// <summary>The last attempt failed (revert, refusal); see the state's last failure.</summary>
    Failed,
}
