using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.Cli;

/// <summary>What every command shares: exit codes, the host with the service's own configuration, error output.</summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Run 'switchboard --help' for usage.");
            return Usage;
        }

        return await parse.InvokeAsync();
    }

    /// <summary>
    /// A host with the same configuration sources as the service (appsettings.json, environment variables)
    /// and the same storage, migrated when <c>Database:MigrateOnStartup</c> is on.
    /// </summary>
    public static async Task<IHost> StartDataHostAsync(CancellationToken cancellationToken)
    {
        var host = BuildDataHost();
        if (host.Services.GetRequiredService<DatabaseOptions>().MigrateOnStartup)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SwitchboardDb>().Database.MigrateAsync(cancellationToken);
        }

        return host;
    }

    /// <summary>The same host, never migrating and opening no connection until asked: for commands that must start while the database is down.</summary>
    /// <param name="databaseLogs">The least level of the data layer's own logs (a command that reports database faults itself passes None).</param>
    public static IHost BuildDataHost(LogLevel databaseLogs = LogLevel.Error)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", databaseLogs);
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSwitchboardData(database, builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
        builder.Services.AddSingleton(TimeProvider.System);
        return builder.Build();
    }

    public static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return Failed;
    }
}
