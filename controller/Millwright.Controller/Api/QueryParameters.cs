using System.Globalization;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Api;

/// <summary>Parses the query-string values of the read endpoints; a bad value yields a message naming the parameter.</summary>
internal static class QueryParameters
{
    /// <summary>An ISO 8601 time ("2026-06-01T12:00:00Z") or µs since the Unix epoch.</summary>
    internal static bool TryTime(string? text, long fallback, out long micros, out string? error)
    {
        error = null;
        micros = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out micros))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
        {
            micros = (time - DateTimeOffset.UnixEpoch).Ticks / 10;
            return true;
        }

        error = $"'{text}' is neither an ISO 8601 time nor microseconds since the Unix epoch";
        return false;
    }

    internal static int Limit(int? requested, int fallback, int maximum) => Math.Clamp(requested ?? fallback, 1, maximum);

    /// <summary>The opaque readings cursor: "{timeMicros}.{readingId}".</summary>
    internal static string Cursor(ReadingCursor cursor) =>
        string.Create(CultureInfo.InvariantCulture, $"{cursor.TimeMicros}.{cursor.ReadingId}");

    internal static bool TryCursor(string? text, out ReadingCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        string[] parts = text.Split('.');
        if (parts.Length == 2 &&
            long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long time) &&
            long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long id))
        {
            cursor = new ReadingCursor(time, id);
            return true;
        }

        return false;
    }
}
