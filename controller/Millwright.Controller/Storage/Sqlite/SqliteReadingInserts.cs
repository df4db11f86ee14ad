using Microsoft.Data.Sqlite;
using Millwright.Controller.Storage.Records;

namespace Millwright.Controller.Storage.Sqlite;

/// <summary>
/// Appends a frame's readings to readings_recent (see <see cref="SqliteSchema"/>) with one multi-row INSERT per up to
/// <see cref="RowsPerStatement"/> samples rather than one statement per sample. One compiled statement per row count is
/// kept; parameters are reused, values are set in place.
/// </summary>
internal sealed class SqliteReadingInserts(SqliteConnection connection) : IDisposable
{
    public const int RowsPerStatement = 16;

    /// <summary>reading_id = log_index * this + sample index (a frame has at most 64 samples, protocol §5.3).</summary>
    public const int IdsPerFrame = 64;

    private const int Columns = 6;
    private readonly SqliteCommand?[] _byRowCount = new SqliteCommand?[RowsPerStatement + 1];
    private SqliteTransaction? _transaction;

    public SqliteTransaction? Transaction
    {
        set
        {
            _transaction = value;
            foreach (SqliteCommand? command in _byRowCount)
            {
                command?.Transaction = value;
            }
        }
    }

    public void Insert(long logIndex, long deviceKey, long frameTimeMicros, IReadOnlyList<FrameSample> samples)
    {
        for (int start = 0; start < samples.Count; start += RowsPerStatement)
        {
            int rows = Math.Min(RowsPerStatement, samples.Count - start);
            SqliteCommand command = Command(rows);
            SqliteParameterCollection parameters = command.Parameters;
            for (int row = 0; row < rows; row++)
            {
                FrameSample sample = samples[start + row];
                int p = row * Columns;
                parameters[p].Value = logIndex * IdsPerFrame + start + row;
                parameters[p + 1].Value = deviceKey;
                parameters[p + 2].Value = sample.ChannelId;
                parameters[p + 3].Value = ReadingTime(frameTimeMicros, sample.OffsetMicros);
                // NULL stands for NaN (a failed reading), which SQLite cannot store in a REAL.
                parameters[p + 4].Value = float.IsNaN(sample.Value) ? DBNull.Value : (double)sample.Value;
                parameters[p + 5].Value = logIndex;
            }

            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (SqliteCommand? command in _byRowCount)
        {
            command?.Dispose();
        }
    }

    /// <summary>Saturates rather than overflows: the protocol allows frame times up to 2^63−1 and offsets of ±2^31.</summary>
    internal static long ReadingTime(long frameTimeMicros, int offsetMicros) =>
        offsetMicros > 0 && frameTimeMicros > long.MaxValue - offsetMicros ? long.MaxValue : frameTimeMicros + offsetMicros;

    private SqliteCommand Command(int rows)
    {
        if (_byRowCount[rows] is { } existing)
        {
            return existing;
        }

        SqliteCommand command = connection.CreateCommand();
        command.Transaction = _transaction;
        var values = new string[rows];
        for (int row = 0; row < rows; row++)
        {
            values[row] = $"($i{row}, $d{row}, $c{row}, $t{row}, $v{row}, $l{row})";
            foreach (string name in new[] { "$i", "$d", "$c", "$t", "$v", "$l" })
            {
                command.Parameters.Add(new SqliteParameter(name + row, null));
            }
        }

        command.CommandText = "INSERT INTO readings_recent (reading_id, device_key, channel, time_us, value, log_index) VALUES " + string.Join(", ", values);
        _byRowCount[rows] = command;
        return command;
    }
}
