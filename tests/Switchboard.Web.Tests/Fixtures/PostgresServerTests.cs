using Npgsql;
using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_created_database_answers_queries()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await PostgresServer.StartOrSkipAsync(cancellationToken);
        var connectionString = await server.CreateDatabaseAsync(NewName(), cancellationToken);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var version = await ScalarAsync(connection, "SELECT version()", cancellationToken);
        var synchronousCommit = await ScalarAsync(connection, "SHOW synchronous_commit", cancellationToken);

        Assert.StartsWith("PostgreSQL ", version, StringComparison.Ordinal);
        // Our throwaway cluster trades durability for speed; an external server keeps its own settings.
        Assert.Equal(server.IsExternal ? synchronousCommit : "off", synchronousCommit);
    }

    [Fact]
    public async Task Disposing_drops_the_databases_it_created()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var server = await PostgresServer.StartOrSkipAsync(cancellationToken);
        var connectionString = await server.CreateDatabaseAsync(NewName(), cancellationToken);

        await server.DisposeAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(cancellationToken));
        Assert.Equal(PostgresErrorCodes.InvalidCatalogName, error.SqlState);
    }

    private static string NewName() => "switchboard_test_" + Guid.NewGuid().ToString("N");

    private static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }
}
