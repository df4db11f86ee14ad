namespace Millwright.Controller.Proofs.Export;

/// <summary>Why no bundle could be made; the API maps each to an HTTP status.</summary>
internal enum ProofUnavailableReason
{
    /// <summary>No stored frame at that log index or (device, epoch, sequence). 404.</summary>
    FrameNotFound,

    /// <summary>A tree size outside the log, or sizes in the wrong order. 400.</summary>
    SizeOutOfRange,

    /// <summary>No anchored checkpoint covers the frame or size yet (it may be queued or confirming). 409.</summary>
    NotYetAnchored,

    /// <summary>The anchoring folder holds several chains and none was named. 400.</summary>
    ChainAmbiguous,

    /// <summary>The log's root at an anchored size is not the anchored root: the log was changed after anchoring. 500.</summary>
    LogDisagreesWithAnchor,
}
