using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Switchboard.Data;
using Switchboard.LiveKit.Api;
using Switchboard.Web.Admin;
using Switchboard.Web.Configuration;
using Switchboard.Web.Hosting;
using Switchboard.Web.LiveKitEvents;
using Switchboard.Web.LiveKitSync;
using Switchboard.Web.Routing;
using Switchboard.Web.Workers;

namespace Switchboard.Web;

/// <summary>The composition root: services behind <see cref="AddSwitchboard"/>, middleware behind <see cref="UseSwitchboard"/>, routes in <see cref="MapSwitchboard"/>.</summary>
public static partial class SwitchboardBuilder
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Defaults under every other configuration source: the framework's per-request and per-statement
    /// Information logs would cost more than the routing itself. Any setting overrides them.
    /// </summary>
    private static readonly Dictionary<string, string?> QuietLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations"] = "Information",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",    // each LiveKit API request and its attempts
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    /// <summary>
    /// Settings files are read at start, not watched (decision 0010): watching them watches the whole content root, where the
    /// SQLite database lives by default, and every write to it would wake the watcher. Overridable like any setting.
    /// </summary>
    private const string ReadSettingsOnce = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>Builds the whole service; used by Program.cs and <c>switchboard serve</c>.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [ReadSettingsOnce, .. args] });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietLogging });
        builder.AddSwitchboard();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseSwitchboard();
        app.MapSwitchboard();
        return app;
    }

    public static WebApplicationBuilder AddSwitchboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        if (string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var bodyGrace = configuration.GetSection(SwitchboardOptions.Section).Get<SwitchboardOptions>()?.BodyReadTimeout ?? new SwitchboardOptions().BodyReadTimeout;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = ConfigEndpoints.MaxConfigBytes;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: bodyGrace);   // a stalled body gets 408
        });
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));

        services.AddOptions<SwitchboardOptions>().BindConfiguration(SwitchboardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LiveKitOptions>().BindConfiguration(LiveKitOptions.Section);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSwitchboardData(database, configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<SwitchboardMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SwitchboardMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        services.AddSingleton<WebhookSignature>();
        services.AddScoped<CallRouting>();
        services.AddDynamicDispatch();                              // token check, its validation, the token kept out of logs
        services.AddScoped<CallLifecycle>();
        services.AddScoped<CallEndedSignal>();
        services.AddScoped<JoinActions>();
        services.AddScoped<CallActionRunner>();
        services.AddSingleton<CallActionSignal>();
        services.AddSingleton<RoutingTableRefresher>();
        // First of the hosted services, which start in order: the database is migrated before any worker reads it.
        services.AddHostedService(sp => sp.GetRequiredService<RoutingTableRefresher>());
        services.AddHostedService<CallActionWorker>();
        services.AddLiveKitApi();
        services.AddStaticRulesSync();                              // LiveKit:Mode=static: dispatch rules follow the configuration

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
        });
        services.AddExceptionHandler<StorageFaultHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["trace_id"] = Activity.Current?.Id ?? c.HttpContext.TraceIdentifier);

        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthentication.AdminPolicy, p => p.RequireRole(ApiKeyAuthentication.AdminRole));

        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseSwitchboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchboard");
        var options = app.Services.GetRequiredService<IOptions<SwitchboardOptions>>().Value;
        if (!options.RequireSignature)
        {
            Log.SignatureOff(logger);
        }
        else if (!app.Services.GetRequiredService<WebhookSignature>().HasKeys)
        {
            Log.NoWebhookKeys(logger);
        }

        if (options.AdminKeys.Count == 0)
        {
            Log.NoAdminKeys(logger);
        }

        var liveKit = app.Services.GetRequiredService<IOptions<LiveKitOptions>>().Value;
        if (liveKit.Mode != LiveKitMode.Static && !liveKit.HasApi)
        {
            Log.NoLiveKitApi(logger, liveKit.Mode.ToString().ToLowerInvariant());
        }

        return app;
    }

    public static WebApplication MapSwitchboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRoutingWebhook();                                    // POST /api/v1/webhooks/livekit/sip-inbound, the hot path
        app.MapDynamicDispatch();                                   // POST /api/v1/webhooks/livekit/dynamic-dispatch/{token}, LiveKit's proposal
        app.MapLiveKitEvents();                                     // POST /api/v1/webhooks/livekit/events, call lifecycle

        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiKeyAuthentication.AdminPolicy);
        api.MapExplain();                                           // POST /api/v1/routing/explain
        api.MapConfig();                                            // GET, PUT /api/v1/config
        api.MapCalls();                                             // GET /api/v1/calls/{callId}
        api.MapLeads();                                             // GET /api/v1/leads?tenant=&phone=

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi();
        return app;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Switchboard:RequireSignature is false: webhooks are accepted unsigned. For local development only")]
        public static partial void SignatureOff(ILogger logger);

        [LoggerMessage(2, LogLevel.Warning, "No webhook key is configured (Switchboard:WebhookKeys or LiveKit:ApiKey/ApiSecret): every signed webhook will be refused")]
        public static partial void NoWebhookKeys(ILogger logger);

        [LoggerMessage(3, LogLevel.Warning, "No admin key is configured (Switchboard:AdminKeys): the admin API refuses every request")]
        public static partial void NoAdminKeys(ILogger logger);

        [LoggerMessage(4, LogLevel.Information, "LiveKit mode {Mode} without LiveKit:Url, ApiKey and ApiSecret: calls are recorded from LiveKit's events, but no agent is dispatched and no caller hung up")]
        public static partial void NoLiveKitApi(ILogger logger, string mode);
    }
}
