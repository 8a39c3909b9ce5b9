using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>The service on a fresh database of a real PostgreSQL server (see <see cref="PostgresServer"/>).</summary>
public class PostgresApp : SwitchboardApp
{
    private readonly PostgresApp? _sharedDatabase;
    private PostgresServer? _server;
    private string? _unavailable;

    public PostgresApp()
    {
    }

    /// <summary>
    /// Another instance of the service on <paramref name="sharedDatabase"/>'s database, with a connection pool of its own as
    /// another process has. Start it after that app and stop it before: that app drops the database.
    /// </summary>
    protected PostgresApp(PostgresApp sharedDatabase) => _sharedDatabase = sharedDatabase;

    public override string Provider => "postgres";

    public override string? UnavailableReason => _unavailable;

    protected override async Task PrepareDatabaseAsync()
    {
        if (_sharedDatabase is not null)
        {
            _unavailable = _sharedDatabase.UnavailableReason;
            ConnectionString = _sharedDatabase.ConnectionString + ";Application Name=switchboard-second-instance";
            return;
        }

        _server = await PostgresServer.TryStartAsync(TestContext.Current.CancellationToken);
        if (_server is null)
        {
            _unavailable = PostgresServer.UnavailableReason ?? "PostgreSQL is not available.";
            return;
        }

        ConnectionString = await _server.CreateDatabaseAsync("switchboard_test_" + Guid.NewGuid().ToString("N"), TestContext.Current.CancellationToken)
            + ";Maximum Pool Size=100";
    }

    protected override async ValueTask DisposeDatabaseAsync()
    {
        if (_server is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(OnPostgres))]
public sealed class OnPostgres : ICollectionFixture<PostgresApp>;
