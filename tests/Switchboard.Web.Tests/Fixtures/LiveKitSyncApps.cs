using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.LiveKit.Api;
using Switchboard.LiveKit.StandIn;
using Switchboard.Web.LiveKitSync;
using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>
/// What the LiveKit sync suites share: a <see cref="LiveKitSynchronizer"/> wired to a stand-in as the service wires it, and the
/// service in <c>static</c> mode against a stand-in of its own, so that its <see cref="Workers.StaticRulesSync"/> keeps the
/// stand-in's rules in line with the configuration.
/// </summary>
internal static class LiveKitSyncApps
{
    /// <summary>Twilio's signalling ranges as the tests give them (any valid CIDR would do).</summary>
    public static readonly string[] AllowedAddresses = ["54.172.60.0/30", "54.244.51.0/30"];

    /// <summary>
    /// The service's own registrations (<see cref="LiveKitSyncServiceCollectionExtensions.AddLiveKitSync"/>), pointed at
    /// <paramref name="standIn"/>; tokens are signed at <paramref name="clock"/>, the time the stand-in checks them at.
    /// </summary>
    public static ServiceProvider Services(LiveKitStandIn standIn, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveKit:Url"] = standIn.Url,
            ["LiveKit:ApiKey"] = SwitchboardApp.ApiKey,
            ["LiveKit:ApiSecret"] = SwitchboardApp.ApiSecret,
            ["LiveKit:Trunk:AllowedAddresses:0"] = AllowedAddresses[0],
            ["LiveKit:Trunk:AllowedAddresses:1"] = AllowedAddresses[1],
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddLiveKitSync()
            .AddLiveKitApi(o => o.RetryDelay = TimeSpan.Zero)
            .AddSingleton(clock ?? TimeProvider.System)
            .BuildServiceProvider();
    }

    public static void ConfigureStatic(IWebHostBuilder builder, LiveKitStandIn standIn) => builder
        .UseSetting("LiveKit:Mode", "static")
        .UseSetting("LiveKit:Url", standIn.Url)
        .UseSetting("LiveKit:ApiKey", SwitchboardApp.ApiKey)
        .UseSetting("LiveKit:ApiSecret", SwitchboardApp.ApiSecret)
        .UseSetting("LiveKit:Trunk:AllowedAddresses:0", AllowedAddresses[0])
        .UseSetting("LiveKit:Trunk:AllowedAddresses:1", AllowedAddresses[1]);
}

/// <summary><see cref="SqliteApp"/> in static mode against <see cref="LiveKit"/>.</summary>
public sealed class SqliteStaticApp : SqliteApp
{
    public LiveKitStandIn LiveKit { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        LiveKit = await LiveKitApps.StartStandInAsync(this);
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LiveKitSyncApps.ConfigureStatic(builder, LiveKit);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await LiveKit.DisposeAsync();
    }
}

/// <summary><see cref="PostgresApp"/> in static mode against <see cref="LiveKit"/>.</summary>
public sealed class PostgresStaticApp : PostgresApp
{
    public LiveKitStandIn LiveKit { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        LiveKit = await LiveKitApps.StartStandInAsync(this);
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LiveKitSyncApps.ConfigureStatic(builder, LiveKit);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await LiveKit.DisposeAsync();
    }
}

[CollectionDefinition(nameof(OnSqliteStatic))]
public sealed class OnSqliteStatic : ICollectionFixture<SqliteStaticApp>;

[CollectionDefinition(nameof(OnPostgresStatic))]
public sealed class OnPostgresStatic : ICollectionFixture<PostgresStaticApp>;
