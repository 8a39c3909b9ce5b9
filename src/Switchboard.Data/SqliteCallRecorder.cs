namespace Switchboard.Data;

/// <summary>
/// The hot path on SQLite, which takes one writer at a time: group commit with a single writer that holds its own
/// connection and prepared statements. Each call of a transaction runs inside a savepoint, so a call that fails or repeats
/// a recorded call id is undone alone. If the commit fails, every call in it fails (and is answered degraded).
/// </summary>
public sealed class SqliteCallRecorder : GroupCommitRecorder
{
    private readonly string _connectionString;
    private readonly int _timeoutSeconds;
    private SqliteCallSession? _session;

    public SqliteCallRecorder(string connectionString, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = connectionString;
        _timeoutSeconds = options.CommandTimeoutSeconds;
        Start(writers: 1);
    }

    internal override Task WriteBatchAsync(IReadOnlyList<PendingCall> batch)
    {
        try
        {
            _session ??= SqliteCallSession.Open(_connectionString, _timeoutSeconds);
            _session.Write(batch);
        }
        catch
        {
            // A fresh connection serves the next batch.
            _session?.Dispose();
            _session = null;
            throw;
        }

        return Task.CompletedTask;
    }

    internal override void WriterStopped()
    {
        _session?.Dispose();
        _session = null;
    }
}
