namespace Switchboard.Data;

/// <summary><c>Database:*</c> settings. The connection string itself is <c>ConnectionStrings:Switchboard</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string ConnectionStringName = "Switchboard";

    /// <summary>The embedded default: a file under ./data, in WAL mode.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/switchboard.db";

    /// <summary>The most accepted <see cref="Writers"/>.</summary>
    public const int MaxWriters = 16;

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the service starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seconds a database command may take before the call is answered degraded.</summary>
    public int CommandTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// PostgreSQL only: the hot path's transactions in flight at once (1 to <see cref="MaxWriters"/>). Each writer writes every
    /// call waiting when it is free in one transaction, so one writer already batches under load; more help only when the
    /// database has cores to spare for them (decision 0011). SQLite has one writer: it allows one write transaction at a time.
    /// </summary>
    public int Writers { get; set; } = 1;
}
