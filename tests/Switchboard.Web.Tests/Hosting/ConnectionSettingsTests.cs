using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Switchboard.Data;
using Xunit;

namespace Switchboard.Web.Tests.Hosting;

/// <summary>What Switchboard adds to the connection settings it is given, and what every SQLite connection it hands out has.</summary>
public sealed class ConnectionSettingsTests
{
    [Fact]
    public void PostgreSQL_statements_are_prepared_automatically_unless_the_connection_string_says_otherwise()
    {
        var plain = new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.PostgresConnectionString("Host=db;Database=switchboard"));
        var off = new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.PostgresConnectionString("Host=db;Database=switchboard;Max Auto Prepare=0"));

        Assert.Equal((20, "db", "switchboard"), (plain.MaxAutoPrepare, plain.Host, plain.Database));
        Assert.Equal(0, off.MaxAutoPrepare);
    }

    [Fact]
    public void The_PostgreSQL_hot_path_skips_the_reset_of_a_pooled_connection_and_the_rest_of_the_service_keeps_it()
    {
        const string given = "Host=db;Database=switchboard;No Reset On Close=false";
        using var services = new ServiceCollection()
            .AddSwitchboardData(new DatabaseOptions { Provider = DatabaseProvider.Postgres }, given)
            .BuildServiceProvider();

        var hotPath = new NpgsqlConnectionStringBuilder(services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        var rest = new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.PostgresConnectionString(given));

        Assert.Equal((true, 20, "db", "switchboard"), (hotPath.NoResetOnClose, hotPath.MaxAutoPrepare, hotPath.Host, hotPath.Database));
        Assert.False(rest.NoResetOnClose);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(DatabaseOptions.MaxWriters + 1)]
    public void A_PostgreSQL_writer_count_out_of_range_is_refused_at_start_with_the_setting_named(int writers)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, Writers = writers };

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSwitchboardData(options, "Host=db;Database=switchboard"));

        Assert.Equal($"Database:Writers is {writers}: use 1 to {DatabaseOptions.MaxWriters}.", error.Message);
    }

    [Fact]
    public async Task Every_SQLite_connection_has_the_settings_however_often_the_pool_hands_it_out()
    {
        var folder = Directory.CreateTempSubdirectory("switchboard-pragmas-");
        try
        {
            var services = new ServiceCollection()
                .AddSwitchboardData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }, $"Data Source={Path.Combine(folder.FullName, "sb.db")}")
                .BuildServiceProvider();
            await using (services)
            {
                for (var open = 0; open < 5; open++)
                {
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
                    await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
                    var settings = await Task.WhenAll(
                        Pragma(db, "journal_mode"), Pragma(db, "synchronous"), Pragma(db, "busy_timeout"), Pragma(db, "foreign_keys"));
                    await db.Database.CloseConnectionAsync();

                    Assert.Equal(["wal", "1", "5000", "1"], settings);
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> Pragma(SwitchboardDb db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
