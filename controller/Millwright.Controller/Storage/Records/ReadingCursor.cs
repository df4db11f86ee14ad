namespace Millwright.Controller.Storage.Records;

/// <summary>Keyset position of a reading in (time, id) order. Stable under concurrent inserts; an API may encode it
/// as an opaque token.</summary>
public readonly record struct ReadingCursor(long TimeMicros, long ReadingId);
