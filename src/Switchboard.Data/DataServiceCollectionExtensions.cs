using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Switchboard.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The one place that picks a provider and its migrations assembly. Shared by the host and the CLI.</summary>
    public static IServiceCollection AddSwitchboardData(this IServiceCollection services, DatabaseOptions options, string? connectionString)
    {
        services.AddSingleton(options);
        services.AddDbContextPool<SwitchboardDb>(builder => Configure(builder, options, connectionString));
        services.AddSingleton<RoutingTables>();
        services.AddSingleton(new WriteGate(serialize: options.Provider == DatabaseProvider.Sqlite));
        services.AddScoped<ConfigStore>();
        AddCallRecorder(services, options, connectionString);
        services.AddScoped<CallTracker>();
        services.AddScoped<CallActionStore>();
        return services;
    }

    /// <summary>The hot path's writer for the provider (decision 0010): created on first use, disposed with the host.</summary>
    private static void AddCallRecorder(IServiceCollection services, DatabaseOptions options, string? connectionString)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddSingleton<CallRecorder>(_ => new SqliteCallRecorder(SqliteConnectionString(connectionString), options));
                break;
            case DatabaseProvider.Postgres:
                if (options.Writers is < 1 or > DatabaseOptions.MaxWriters)
                {
                    throw new InvalidOperationException($"Database:Writers is {options.Writers}: use 1 to {DatabaseOptions.MaxWriters}.");
                }

                services.AddSingleton(_ => NpgsqlDataSource.Create(HotPathConnectionString(connectionString)));
                services.AddSingleton<CallRecorder>(provider => new PostgresCallRecorder(provider.GetRequiredService<NpgsqlDataSource>(), options));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}': use 'sqlite' or 'postgres'.");
        }
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string? connectionString)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(connectionString);
                builder.UseSqlite(sqlite, x => x.MigrationsAssembly("Switchboard.Data.Sqlite").CommandTimeout(options.CommandTimeoutSeconds))
                    .AddInterceptors(new SqlitePragmas());
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(PostgresConnectionString(connectionString), x => x.MigrationsAssembly("Switchboard.Data.Postgres").CommandTimeout(options.CommandTimeoutSeconds));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}': use 'sqlite' or 'postgres'.");
        }
    }

    /// <summary>
    /// The PostgreSQL connection string with Npgsql's automatic preparation on (<c>Max Auto Prepare=20</c>) unless it says
    /// otherwise: the hot path runs the same few statements on every call, and a prepared statement skips PostgreSQL's parse
    /// and plan each time.
    /// </summary>
    public static string PostgresConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Database:Provider is 'postgres' but ConnectionStrings:Switchboard is not set.");
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxAutoPrepare = 20;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The hot path's PostgreSQL connection string: <see cref="PostgresConnectionString"/> without the reset of a connection
    /// returned to the pool (<c>No Reset On Close</c>). The reset undoes session state (settings, temporary tables, listens,
    /// advisory locks), and the hot path's statements leave none, so on this pool it would be statements PostgreSQL runs for
    /// nothing before every batch. The rest of the service keeps the reset.
    /// </summary>
    public static string HotPathConnectionString(string? connectionString) =>
        new NpgsqlConnectionStringBuilder(PostgresConnectionString(connectionString)) { NoResetOnClose = true }.ConnectionString;

    /// <summary>The SQLite connection string, defaulting to ./data/switchboard.db; creates the file's folder.</summary>
    public static string SqliteConnectionString(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? DatabaseOptions.DefaultSqliteConnectionString : connectionString);
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}
