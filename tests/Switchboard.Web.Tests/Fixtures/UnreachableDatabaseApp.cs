using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>
/// The service pointed at a PostgreSQL server that is not there (port 1 refuses at once), so every database call fails as a storage
/// fault. Needs no PostgreSQL installed. Start-up migration and table load fail, so no routing table is loaded until a test publishes one.
/// </summary>
public sealed class UnreachableDatabaseApp : SwitchboardApp
{
    public const string UnreachableConnectionString = "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2;Command Timeout=2";

    public override string Provider => "postgres";

    protected override Task PrepareDatabaseAsync()
    {
        ConnectionString = UnreachableConnectionString;
        return Task.CompletedTask;
    }

    protected override ValueTask DisposeDatabaseAsync() => ValueTask.CompletedTask;
}

[CollectionDefinition(nameof(OnUnreachableDatabase))]
public sealed class OnUnreachableDatabase : ICollectionFixture<UnreachableDatabaseApp>;
