using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.Cli;

/// <summary><c>switchboard db migrate</c>.</summary>
internal static class DbCommands
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply pending database migrations (the service also does this on start-up).");
        migrate.SetAction(async (_, cancellationToken) =>
        {
            var host = Cli.StartDataHostAsync(cancellationToken);
            using var started = await host;
            await using var scope = started.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            await db.Database.MigrateAsync(cancellationToken);
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
            Console.WriteLine($"Database is up to date ({applied} migrations applied).");
            return Cli.Ok;
        });
        return new Command("db", "Database maintenance.") { migrate };
    }
}
