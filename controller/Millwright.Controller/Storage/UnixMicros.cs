namespace Millwright.Controller.Storage;

/// <summary>Times are stored as µs since the Unix epoch (UTC) in a 64-bit integer: the protocol's unit, portable
/// across SQLite and PostgreSQL, and ordered.</summary>
internal static class UnixMicros
{
    public static long From(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset ToTime(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);
}
