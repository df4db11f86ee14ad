using System;

namespace Millwright.Firmware.Outbox;

/// <summary>
/// Bounds of the flash outbox. The defaults fit the ESP32's 256 KB LittleFS partition (64 blocks of 4 KB), which also
/// holds the settings, the Wi-Fi configuration and LittleFS's own metadata, and which needs free blocks to stay
/// copy-on-write and to spread wear: 10 segments of exactly 4 blocks each = 160 KB, leaving 96 KB.
/// docs/firmware.md "Outbox and sequence numbers" shows the arithmetic and the outage this covers.
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// Four 4 KB LittleFS blocks less the 16 bytes of skip-list pointers LittleFS keeps in a file's blocks 1 to 3
    /// (block n holds ctz(n)+1 four-byte pointers, littlefs DESIGN.md "CTZ skip-lists"): a full segment fills exactly
    /// four blocks instead of spilling 16 bytes into a fifth.
    /// </summary>
    public const int DefaultSegmentBytes = (4 * 4096) - 16;
    public const int DefaultMaxSegments = 10;
    public const int DefaultAckPersistInterval = 64;

    /// <summary>Most segments <see cref="OutboxOptions.MaxSegments"/> may ask for (segment file names have two digits).</summary>
    public const int SegmentLimit = 64;

    public OutboxOptions()
    {
        SegmentBytes = DefaultSegmentBytes;
        MaxSegments = DefaultMaxSegments;
        AckPersistInterval = DefaultAckPersistInterval;
    }

    /// <summary>Largest segment file; a record that would not fit starts the next segment.</summary>
    public int SegmentBytes { get; set; }

    /// <summary>Segments holding unacknowledged records; opening one more first drops the oldest (with a gap record).</summary>
    public int MaxSegments { get; set; }

    /// <summary>
    /// The acked watermark is written to flash each time it has advanced by this many sequence numbers (and segments are
    /// deleted as soon as an ack covers them): after a reboot, at most this many already-acked records are sent again.
    /// </summary>
    public int AckPersistInterval { get; set; }

    /// <summary>Flash the outbox may use for records in normal operation.</summary>
    public long MaxTotalBytes
    {
        get { return (long)SegmentBytes * MaxSegments; }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bound that is out of range.</summary>
    public void Validate()
    {
        if (SegmentBytes < 2 * OutboxRecordFormat.MaxRecordBytes)
        {
            throw new ArgumentException("outbox segment must hold at least two of the largest records (" +
                (2 * OutboxRecordFormat.MaxRecordBytes).ToString() + " bytes)");
        }

        if (MaxSegments < 2 || MaxSegments > SegmentLimit)
        {
            throw new ArgumentException("outbox max segments must be 2.." + SegmentLimit.ToString());
        }

        if (AckPersistInterval < 1)
        {
            throw new ArgumentException("outbox ack persist interval must be at least 1");
        }
    }
}
