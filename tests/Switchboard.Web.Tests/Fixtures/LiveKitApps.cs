using Microsoft.AspNetCore.Hosting;
using Switchboard.LiveKit.StandIn;
using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>
/// The service in <c>events</c> mode, talking to a LiveKit API stand-in (Kestrel, strict, stateful) as it would talk to
/// LiveKit: it dispatches agents and hangs up rejected callers when callers join.
/// </summary>
internal static class LiveKitApps
{
    public static async Task<LiveKitStandIn> StartStandInAsync(SwitchboardApp app) =>
        await LiveKitStandIn.StartAsync(SwitchboardApp.ApiKey, SwitchboardApp.ApiSecret, app.Clock, TestContext.Current.CancellationToken);

    public static void Configure(IWebHostBuilder builder, LiveKitStandIn standIn) => builder
        .UseSetting("LiveKit:Mode", "events")
        .UseSetting("LiveKit:Url", standIn.Url)
        .UseSetting("LiveKit:ApiKey", SwitchboardApp.ApiKey)
        .UseSetting("LiveKit:ApiSecret", SwitchboardApp.ApiSecret);
}

/// <summary><see cref="SqliteApp"/> in events mode against <see cref="LiveKit"/>.</summary>
public sealed class SqliteLiveKitApp : SqliteApp
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
        LiveKitApps.Configure(builder, LiveKit);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await LiveKit.DisposeAsync();
    }
}

/// <summary><see cref="PostgresApp"/> in events mode against <see cref="LiveKit"/>.</summary>
public sealed class PostgresLiveKitApp : PostgresApp
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
        LiveKitApps.Configure(builder, LiveKit);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await LiveKit.DisposeAsync();
    }
}

[CollectionDefinition(nameof(OnSqliteWithLiveKit))]
public sealed class OnSqliteWithLiveKit : ICollectionFixture<SqliteLiveKitApp>;

[CollectionDefinition(nameof(OnPostgresWithLiveKit))]
public sealed class OnPostgresWithLiveKit : ICollectionFixture<PostgresLiveKitApp>;
