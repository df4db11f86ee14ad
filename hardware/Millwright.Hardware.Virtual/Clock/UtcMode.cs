namespace Millwright.Hardware.Virtual.Clock;

/// <summary>Where the virtual board's wall clock comes from at boot.</summary>
internal enum UtcMode
{
    /// <summary>The host's clock, taken as set by SNTP (time quality 1): frames are stamped with real UTC from boot.</summary>
    Host = 0,

    /// <summary>An arbitrary start (2000-01-01) and quality unsynced until the first controller ack sets it, as on a board without SNTP.</summary>
    Unsynced = 1,
}
