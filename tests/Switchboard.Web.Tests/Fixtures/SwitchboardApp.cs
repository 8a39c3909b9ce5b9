using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Core.Lifecycle;
using Switchboard.LiveKit;
using Switchboard.Web.LiveKitEvents;
using Switchboard.Web.Routing;
using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>
/// The whole service on a real Kestrel socket and a real database, one per test collection. Tests isolate
/// themselves by creating their own tenants and numbers (<see cref="NewNumber"/>), never by resetting.
/// </summary>
public abstract class SwitchboardApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ApiKey = "APItestkey";
    public const string ApiSecret = "test-secret-0123456789-abcdefghij";
    public const string AdminKey = "test-admin-key-0123456789";

    private static int _numbers;

    /// <summary>Monday 2 March 2026, 10:00 in New York.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.Parse("2026-03-02T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public WebhookKey Key { get; } = new(ApiKey, ApiSecret);

    public abstract string Provider { get; }

    /// <summary>Why this app cannot run here (no database server), or null.</summary>
    public virtual string? UnavailableReason => null;

    protected string ConnectionString { get; set; } = "";

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>Every "call ended" signal raised since the app started.</summary>
    public EndedCalls EndedCalls => Services.GetRequiredService<EndedCalls>();

    /// <summary>A dialed or calling number no other test uses: +1 833 xxx xxxx.</summary>
    public static string NewNumber() => $"+1833{Interlocked.Increment(ref _numbers) + (Environment.ProcessId % 1000 * 10_000):D7}";

    public static string NewSlug(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public virtual async ValueTask InitializeAsync()
    {
        await PrepareDatabaseAsync();
        if (UnavailableReason is null)
        {
            UseKestrel(0);
            StartServer();
        }
    }

    protected abstract Task PrepareDatabaseAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder
            .UseEnvironment("Testing")
            .UseSetting("Database:Provider", Provider)
            .UseSetting("ConnectionStrings:Switchboard", ConnectionString)
            .UseSetting("Switchboard:WebhookKeys:0:ApiKey", ApiKey)
            .UseSetting("Switchboard:WebhookKeys:0:ApiSecret", ApiSecret)
            .UseSetting("Switchboard:AdminKeys:0", AdminKey)
            .UseSetting("Switchboard:BodyReadTimeout", "00:00:02")
            .ConfigureLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Information))
            .ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<IStartupFilter, FaultInjection>();
                services.AddSingleton<EndedCalls>();
                services.AddSingleton<ICallEndedHandler>(provider => provider.GetRequiredService<EndedCalls>());
            });
    }

    /// <summary>A client for the admin API, with the admin key.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    /// <summary>A routing webhook request signed as LiveKit signs webhooks, at the app's clock.</summary>
    public HttpRequestMessage SignedRoute(string json, string mediaType = "application/json", WebhookKey? key = null) =>
        Signed(RoutingWebhookEndpoints.Path, json, mediaType, key);

    /// <summary>A LiveKit webhook event, signed and typed as LiveKit sends it, at the app's clock.</summary>
    public HttpRequestMessage SignedEvent(string json, string mediaType = "application/webhook+json", WebhookKey? key = null) =>
        Signed(LiveKitEventEndpoints.Path, json, mediaType, key);

    private HttpRequestMessage Signed(string path, string json, string mediaType, WebhookKey? key)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        request.Headers.TryAddWithoutValidation("Authorization", AccessTokenWriter.SignWebhook(key ?? Key, body, Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        return request;
    }

    /// <summary>Applies a configuration through the admin API and fails the test if it is refused.</summary>
    public async Task<long> ApplyAsync(string yaml, bool prune = false)
    {
        using var client = CreateAdminClient();
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await client.PutAsync(prune ? "/api/v1/config?prune=true" : "/api/v1/config", content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"config apply failed: {(int)response.StatusCode} {text}\nLogged errors:\n{ErrorsLogged()}");
        using var json = System.Text.Json.JsonDocument.Parse(text);
        return json.RootElement.GetProperty("version").GetInt64();
    }

    /// <summary>Nothing logged at Warning or above since the collector was last cleared.</summary>
    public void AssertNoWarningsLogged()
    {
        var noisy = Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Warning).Select(r => $"{r.Level} {r.Category}: {r.Message}").ToList();
        Assert.True(noisy.Count == 0, "Logged at Warning or above:\n" + string.Join('\n', noisy));
    }

    /// <summary>The errors the service has logged, with their exceptions: what a failed setup step prints to explain itself.</summary>
    public string ErrorsLogged() => string.Join('\n', Logs.GetSnapshot()
        .Where(r => r.Level >= LogLevel.Error)
        .Select(r => $"{r.Category}: {r.Message} {r.Exception?.GetType().FullName}: {r.Exception?.Message} {r.Exception?.InnerException?.Message}"));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await DisposeDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract ValueTask DisposeDatabaseAsync();
}
