using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Data;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Hosting;

/// <summary>Each provider's migration set matches the model and has been applied: a model change without its migrations fails here.</summary>
public abstract class MigrationTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    [Fact]
    public void The_model_has_no_changes_missing_from_the_migrations()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();

        var pending = db.Database.HasPendingModelChanges();

        Assert.False(pending, "Add a migration to both Switchboard.Data.Sqlite and Switchboard.Data.Postgres.");
    }

    [Fact]
    public async Task Every_migration_is_applied_at_start_up()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();

        var pending = await db.Database.GetPendingMigrationsAsync(Ct);

        Assert.Empty(pending);
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(Ct));
    }
}

[Collection(nameof(OnSqlite))]
public sealed class MigrationsOnSqlite(SqliteApp app) : MigrationTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class MigrationsOnPostgres(PostgresApp app) : MigrationTests<PostgresApp>(app);
