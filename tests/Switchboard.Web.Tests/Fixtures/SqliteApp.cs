using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>The service on a fresh SQLite file (WAL), as in the quick start.</summary>
public class SqliteApp : SwitchboardApp
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "switchboard-test-" + Guid.NewGuid().ToString("N"));

    public override string Provider => "sqlite";

    protected override Task PrepareDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        ConnectionString = $"Data Source={Path.Combine(_folder, "switchboard.db")}";
        return Task.CompletedTask;
    }

    protected override ValueTask DisposeDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temp directory.
        }

        return ValueTask.CompletedTask;
    }
}

[CollectionDefinition(nameof(OnSqlite))]
public sealed class OnSqlite : ICollectionFixture<SqliteApp>;
