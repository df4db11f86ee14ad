namespace Millwright.Controller.Storage.Records;

/// <summary>What a stored frame is (values are stored).</summary>
public enum FrameKind
{
    /// <summary>A frame of readings (message type 1).</summary>
    Readings = 1,

    /// <summary>A signed gap record (message type 2): a range of sequence numbers the device had to drop.</summary>
    Gap = 2,
}
