using Microsoft.AspNetCore.Hosting;
using Switchboard.LiveKit.StandIn;
using Switchboard.Web.Routing;
using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>
/// The service with LiveKit's proposed dynamic-dispatch endpoint on: two tokens (a rotation in progress), <c>webhook</c> mode
/// against a LiveKit API stand-in (so an accepted caller's join dispatches the agent), and every log of ASP.NET Core and of the
/// service collected down to Debug, so that a test can look for the token in all of them.
/// </summary>
internal static class DynamicDispatchApps
{
    public const string Token = "dd-current-0123456789abcdef0123456789abcdef";
    public const string RotatedToken = "dd-next-fedcba9876543210fedcba9876543210";

    /// <summary>The loopback sources, where the test client connects from.</summary>
    public static readonly string[] Loopback = ["127.0.0.0/8", "::1"];

    /// <summary>Documentation ranges (RFC 5737, RFC 3849): no test client comes from them.</summary>
    public static readonly string[] Elsewhere = ["203.0.113.0/24", "2001:db8::/32"];

    public static string PathFor(string token) => $"{DynamicDispatchEndpoints.PathPrefix}/{token}";

    public static IWebHostBuilder WithDynamicDispatch(this IWebHostBuilder builder, IReadOnlyList<string> allowedSources)
    {
        builder
            .UseSetting("Switchboard:DynamicDispatch:Tokens:0", Token)
            .UseSetting("Switchboard:DynamicDispatch:Tokens:1", RotatedToken)
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Debug")
            .UseSetting("Logging:LogLevel:Switchboard", "Debug");
        for (var i = 0; i < allowedSources.Count; i++)
        {
            builder.UseSetting($"Switchboard:DynamicDispatch:AllowedSources:{i}", allowedSources[i]);
        }

        return builder;
    }

    public static IWebHostBuilder WithWebhookMode(this IWebHostBuilder builder, LiveKitStandIn standIn) => builder
        .UseSetting("LiveKit:Mode", "webhook")
        .UseSetting("LiveKit:Url", standIn.Url)
        .UseSetting("LiveKit:ApiKey", SwitchboardApp.ApiKey)
        .UseSetting("LiveKit:ApiSecret", SwitchboardApp.ApiSecret);
}

/// <summary><see cref="SqliteApp"/> with the dynamic-dispatch endpoint on, from loopback only, in webhook mode against <see cref="LiveKit"/>.</summary>
public sealed class SqliteDynamicDispatchApp : SqliteApp
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
        builder.WithDynamicDispatch(DynamicDispatchApps.Loopback).WithWebhookMode(LiveKit);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await LiveKit.DisposeAsync();
    }
}

/// <summary><see cref="PostgresApp"/> with the dynamic-dispatch endpoint on, from loopback only, in webhook mode against <see cref="LiveKit"/>.</summary>
public sealed class PostgresDynamicDispatchApp : PostgresApp
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
        builder.WithDynamicDispatch(DynamicDispatchApps.Loopback).WithWebhookMode(LiveKit);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await LiveKit.DisposeAsync();
    }
}

/// <summary><see cref="SqliteApp"/> with the endpoint on but open only to sources the test client is not at.</summary>
public sealed class SqliteFencedDynamicDispatchApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.WithDynamicDispatch(DynamicDispatchApps.Elsewhere);
    }
}

/// <summary><see cref="PostgresApp"/> with the endpoint on but open only to sources the test client is not at.</summary>
public sealed class PostgresFencedDynamicDispatchApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.WithDynamicDispatch(DynamicDispatchApps.Elsewhere);
    }
}

/// <summary>
/// The endpoint on, with the database unreachable (as <see cref="UnreachableDatabaseApp"/>): no routing table is loaded until a
/// test publishes one.
/// </summary>
public sealed class UnreachableDynamicDispatchApp : SwitchboardApp
{
    public override string Provider => "postgres";

    protected override Task PrepareDatabaseAsync()
    {
        ConnectionString = UnreachableDatabaseApp.UnreachableConnectionString;
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.WithDynamicDispatch([]);
    }

    protected override ValueTask DisposeDatabaseAsync() => ValueTask.CompletedTask;
}

[CollectionDefinition(nameof(OnSqliteWithDynamicDispatch))]
public sealed class OnSqliteWithDynamicDispatch : ICollectionFixture<SqliteDynamicDispatchApp>;

[CollectionDefinition(nameof(OnPostgresWithDynamicDispatch))]
public sealed class OnPostgresWithDynamicDispatch : ICollectionFixture<PostgresDynamicDispatchApp>;

[CollectionDefinition(nameof(OnSqliteWithFencedDynamicDispatch))]
public sealed class OnSqliteWithFencedDynamicDispatch : ICollectionFixture<SqliteFencedDynamicDispatchApp>;

[CollectionDefinition(nameof(OnPostgresWithFencedDynamicDispatch))]
public sealed class OnPostgresWithFencedDynamicDispatch : ICollectionFixture<PostgresFencedDynamicDispatchApp>;

[CollectionDefinition(nameof(OnUnreachableDatabaseWithDynamicDispatch))]
public sealed class OnUnreachableDatabaseWithDynamicDispatch : ICollectionFixture<UnreachableDynamicDispatchApp>;
