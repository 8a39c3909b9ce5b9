using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Data;

namespace Switchboard.Web.Workers;

/// <summary>
/// Migrates the database and loads the routing table before the server listens, then checks every
/// <see cref="SwitchboardOptions.ConfigRefreshInterval"/> for a configuration applied by another process
/// (the CLI, another instance). A database that is down at start-up is retried on every tick; meanwhile
/// the webhook answers 503.
/// </summary>
public sealed partial class RoutingTableRefresher(
    IServiceScopeFactory scopes,
    RoutingTables tables,
    DatabaseOptions database,
    IOptions<SwitchboardOptions> options,
    TimeProvider clock,
    ILogger<RoutingTableRefresher> logger) : BackgroundService
{
    private bool _migrated;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ConfigRefreshInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RefreshAsync(stoppingToken);
        }
    }

    /// <summary>Loads the configuration when the database holds a newer version than the table in force.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            if (!_migrated && database.MigrateOnStartup)
            {
                await db.Database.MigrateAsync(cancellationToken);
                Log.Migrated(logger, database.Provider);
            }

            _migrated = true;
            var latest = await db.ConfigVersions.MaxAsync(v => (long?)v.Version, cancellationToken) ?? 0;
            if (tables.Current is { } current && current.Version == latest)
            {
                return;
            }

            var stored = await scope.ServiceProvider.GetRequiredService<ConfigStore>().LoadAsync(cancellationToken);
            var table = stored.Config.ToRoutingTable(stored.Version);
            tables.Publish(table);
            Log.Loaded(logger, table.Version, table.NumberCount);
        }
        catch (Exception ex) when (StorageFault.Is(ex))
        {
            Log.RefreshFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Database migrated ({Provider})")]
        public static partial void Migrated(ILogger logger, DatabaseProvider provider);

        [LoggerMessage(2, LogLevel.Information, "Routing table loaded: configuration version {Version}, numbers: {Numbers}")]
        public static partial void Loaded(ILogger logger, long version, int numbers);

        [LoggerMessage(3, LogLevel.Error, "Could not load the routing configuration from the database; retrying on the next tick")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
