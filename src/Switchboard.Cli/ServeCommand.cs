using System.CommandLine;
using System.Reflection;
using Switchboard.Core.Configuration;
using Switchboard.Data;
using Switchboard.Web;
using Switchboard.Web.Workers;

namespace Switchboard.Cli;

/// <summary><c>switchboard serve [--demo] [--urls URL]</c>: runs the service.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var demo = new Option<bool>("--demo")
        {
            Description = "Load examples/demo.yaml, use development keys when none are configured, and print how to try it.",
        };
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default {SwitchboardBuilder.DefaultUrl})." };
        var serve = new Command("serve", "Run the service: migrate the database, load the routing table, listen.") { demo, urls };
        serve.SetAction((parse, cancellationToken) => ServeAsync(parse.GetValue(demo), parse.GetValue(urls), cancellationToken));
        return serve;
    }

    private static async Task<int> ServeAsync(bool demo, string? urls, CancellationToken cancellationToken)
    {
        var app = SwitchboardBuilder.Build(urls is null ? [] : [$"--urls={urls}"], builder =>
        {
            if (demo)
            {
                builder.Configuration.AddInMemoryCollection(DemoSettings.MissingKeys(builder.Configuration));
            }
        });
        await using (app)
        {
            await app.StartAsync(cancellationToken);
            if (demo)
            {
                await LoadDemoAsync(app, cancellationToken);
            }

            await app.WaitForShutdownAsync(cancellationToken);
        }

        return Cli.Ok;
    }

    private static async Task LoadDemoAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("demo.yaml")
            ?? throw new InvalidOperationException("The demo configuration is not embedded in this build.");
        using var reader = new StreamReader(stream);
        var parsed = ConfigParser.Parse(await reader.ReadToEndAsync(cancellationToken));
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ConfigStore>()
            .ApplyAsync(parsed.Config!, prune: false, "demo", TimeProvider.System.GetUtcNow().UtcDateTime, cancellationToken);
        await app.Services.GetRequiredService<RoutingTableRefresher>().RefreshAsync(cancellationToken);

        var url = app.Urls.FirstOrDefault() ?? SwitchboardBuilder.DefaultUrl;
        Console.WriteLine($"""

            Switchboard is listening on {url} with the demo configuration (version {result.Version}).
            In another terminal, from this folder:
              dotnet run --project src/Switchboard.Cli -- call --from +15551230001 --to "+1 800 555 0102"    # a number with its own agent
              dotnet run --project src/Switchboard.Cli -- call --from +15551230001 --to +442079460018        # a campaign agent (London)
              dotnet run --project src/Switchboard.Cli -- route --from +12025550143 --to +18005550100        # a blocked caller, explained
              curl -H "X-Api-Key: {DemoSettings.AdminKey}" {url}/api/v1/config
            The demo signs with LiveKit's development key pair ({DemoSettings.ApiKey}/{DemoSettings.ApiSecret}) when none is configured: for local use only.

            """);
    }
}
