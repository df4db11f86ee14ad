namespace Millwright.Firmware.Outbox;

/// <summary>What the outbox found where it expected a record.</summary>
internal enum RecordStatus
{
    /// <summary>A whole record whose checks pass.</summary>
    Valid = 0,

    /// <summary>The end of the data: no record starts here.</summary>
    End = 1,

    /// <summary>A record that runs past the end of the file: the prefix a power cut leaves of an append.</summary>
    Torn = 2,

    /// <summary>Bytes that are not a record (bad magic, length, CRC or sequence order): flash damage.</summary>
    Corrupt = 3,
}
