using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.LiveKit.StandIn;
using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>
/// The service in <c>events</c> mode, talking to a LiveKit API stand-in (Kestrel, strict, stateful) as it would talk to
/// LiveKit: it dispatches agents and hangs up rejected callers when callers join.
/// </summary>
internal static class LiveKitApps
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static async Task<LiveKitStandIn> StartStandInAsync(SwitchboardApp app) =>
        await LiveKitStandIn.StartAsync(SwitchboardApp.ApiKey, SwitchboardApp.ApiSecret, app.Clock, TestContext.Current.CancellationToken);

    public static void Configure(IWebHostBuilder builder, LiveKitStandIn standIn) => builder
        .UseSetting("LiveKit:Mode", "events")
        .UseSetting("LiveKit:Url", standIn.Url)
        .UseSetting("LiveKit:ApiKey", SwitchboardApp.ApiKey)
        .UseSetting("LiveKit:ApiSecret", SwitchboardApp.ApiSecret);

    /// <summary>Waits for what the service does in the background (its call actions); fails with what it logged at Warning or above.</summary>
    public static async Task WaitForAsync(this SwitchboardApp app, Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}. Logged:\n"
                + string.Join('\n', app.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Warning).Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception?.Message}")));
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>
/// What an app in events mode adds to its database fixture: a stand-in of its own, or another app's, shared (that app stops it),
/// and the settings that point the service at it.
/// </summary>
internal sealed class EventsModeStandIn(LiveKitStandIn? shared = null)
{
    private readonly bool _owned = shared is null;
    private LiveKitStandIn? _standIn = shared;

    public LiveKitStandIn StandIn => _standIn ?? throw new InvalidOperationException("The stand-in starts with the app.");

    /// <summary>Starts the stand-in unless shared, then the app, whose settings name its URL.</summary>
    public async ValueTask StartAsync(SwitchboardApp app, Func<ValueTask> startApp)
    {
        _standIn ??= await LiveKitApps.StartStandInAsync(app);
        await startApp();
    }

    public void Configure(IWebHostBuilder builder, Action<IWebHostBuilder> configureApp)
    {
        configureApp(builder);
        LiveKitApps.Configure(builder, StandIn);
    }

    /// <summary>Stops the stand-in unless shared; after the app, whose last calls may still reach it.</summary>
    public async ValueTask StopAsync()
    {
        if (_owned && _standIn is not null)
        {
            await _standIn.DisposeAsync();
        }
    }
}

/// <summary><see cref="SqliteApp"/> in events mode against <see cref="LiveKit"/>.</summary>
public sealed class SqliteLiveKitApp : SqliteApp
{
    private readonly EventsModeStandIn _liveKit = new();

    public LiveKitStandIn LiveKit => _liveKit.StandIn;

    public override ValueTask InitializeAsync() => _liveKit.StartAsync(this, base.InitializeAsync);

    protected override void ConfigureWebHost(IWebHostBuilder builder) => _liveKit.Configure(builder, base.ConfigureWebHost);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _liveKit.StopAsync();
    }
}

/// <summary><see cref="PostgresApp"/> in events mode against <see cref="LiveKit"/>.</summary>
public sealed class PostgresLiveKitApp : PostgresApp
{
    private readonly EventsModeStandIn _liveKit;

    public PostgresLiveKitApp() => _liveKit = new();

    private PostgresLiveKitApp(PostgresLiveKitApp first) : base(first) => _liveKit = new(first.LiveKit);

    public LiveKitStandIn LiveKit => _liveKit.StandIn;

    /// <summary>Another instance of the service, on this one's database and LiveKit stand-in; start it after this one and stop it before.</summary>
    public PostgresLiveKitApp SecondInstance() => new(this);

    public override ValueTask InitializeAsync() => _liveKit.StartAsync(this, base.InitializeAsync);

    protected override void ConfigureWebHost(IWebHostBuilder builder) => _liveKit.Configure(builder, base.ConfigureWebHost);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _liveKit.StopAsync();
    }
}

/// <summary>Two instances of the service in events mode, as one deployment runs them: one PostgreSQL database, one LiveKit.</summary>
public sealed class TwoPostgresLiveKitApps : IAsyncLifetime
{
    private PostgresLiveKitApp? _second;

    public PostgresLiveKitApp First { get; } = new();

    public PostgresLiveKitApp Second => _second ?? throw new InvalidOperationException("The second instance starts after the first.");

    public async ValueTask InitializeAsync()
    {
        await First.InitializeAsync();
        _second = First.SecondInstance();
        await _second.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        await First.DisposeAsync();
    }
}

[CollectionDefinition(nameof(OnSqliteWithLiveKit))]
public sealed class OnSqliteWithLiveKit : ICollectionFixture<SqliteLiveKitApp>;

[CollectionDefinition(nameof(OnPostgresWithLiveKit))]
public sealed class OnPostgresWithLiveKit : ICollectionFixture<PostgresLiveKitApp>;

[CollectionDefinition(nameof(OnTwoPostgresWithLiveKit))]
public sealed class OnTwoPostgresWithLiveKit : ICollectionFixture<TwoPostgresLiveKitApps>;
