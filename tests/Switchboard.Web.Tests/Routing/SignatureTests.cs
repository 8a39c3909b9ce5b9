using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.LiveKit;
using Switchboard.Web.Routing;
using Switchboard.Web.Tests.Cli;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>
/// The routing webhook's signature check over HTTP: LiveKit's JWT (bare or as <c>Bearer</c>), checked against the app's clock
/// with a 60 s leeway and against the raw body. A refused request is a 401 problem that names neither secret nor token, and stores nothing.
/// </summary>
public abstract class SignatureTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    private static readonly TimeSpan ValidFor = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_request_without_authorization_is_a_401_and_stores_nothing()
    {
        var (callId, json) = NewBody();

        using var response = await PostAsync(json, authorization: null);

        await AssertRefusedAsync(response, "The Authorization header is missing or empty.");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("Bearer garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJBUEl0ZXN0a2V5In0")]
    public async Task A_garbage_token_is_a_401_and_stores_nothing(string authorization)
    {
        var (callId, json) = NewBody();

        using var response = await PostAsync(json, authorization);

        await AssertRefusedAsync(response, "The Authorization header is not a well-formed JWT.");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_token_signed_with_the_wrong_secret_is_a_401_and_stores_nothing()
    {
        var (callId, json) = NewBody();
        var token = Sign(json, new WebhookKey(SwitchboardApp.ApiKey, "not-the-secret-0123456789"), App.Clock.GetUtcNow());

        using var response = await PostAsync(json, token);

        await AssertRefusedAsync(response, "The token's signature does not match its API key.");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_token_from_an_unknown_api_key_is_a_401_and_stores_nothing()
    {
        var (callId, json) = NewBody();
        var token = Sign(json, new WebhookKey("APIunknownkey", SwitchboardApp.ApiSecret), App.Clock.GetUtcNow());

        using var response = await PostAsync(json, token);

        await AssertRefusedAsync(response, "The token's issuer is not a configured API key.");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_token_expired_beyond_the_60_s_leeway_is_a_401_and_stores_nothing()
    {
        var (callId, json) = NewBody();
        var token = Sign(json, App.Key, App.Clock.GetUtcNow() - TimeSpan.FromMinutes(10));   // expired 5 minutes ago

        using var response = await PostAsync(json, token);

        await AssertRefusedAsync(response, "The token has expired.");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_token_expired_within_the_60_s_leeway_is_accepted()
    {
        var (callId, json) = NewBody();
        var token = Sign(json, App.Key, App.Clock.GetUtcNow() - ValidFor - TimeSpan.FromSeconds(30));   // expired 30 s ago

        using var response = await PostAsync(json, token);

        await AssertOkAsync(response);
        await AssertStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_token_not_valid_until_beyond_the_60_s_leeway_is_a_401_and_stores_nothing()
    {
        var (callId, json) = NewBody();
        var token = Sign(json, App.Key, App.Clock.GetUtcNow() + TimeSpan.FromMinutes(2));

        using var response = await PostAsync(json, token);

        await AssertRefusedAsync(response, "The token is not valid yet.");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_a_401_and_stores_nothing()
    {
        var (callId, json) = NewBody();
        var token = Sign(json, App.Key, App.Clock.GetUtcNow());
        var tampered = json.Replace(callId, callId.ToUpperInvariant(), StringComparison.Ordinal);

        using var response = await PostAsync(tampered, token);

        await AssertRefusedAsync(response, "The body does not match the token's sha256 claim.");
        await AssertNotStoredAsync(callId);
        await AssertNotStoredAsync(callId.ToUpperInvariant());
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_body_changed_only_in_whitespace_after_signing_is_a_401()
    {
        var (callId, json) = NewBody();
        var token = Sign(json, App.Key, App.Clock.GetUtcNow());

        using var response = await PostAsync(json + "\n", token);

        await AssertRefusedAsync(response, "The body does not match the token's sha256 claim.");
        await AssertNotStoredAsync(callId);
    }

    [Fact]
    public async Task A_bare_token_as_LiveKit_sends_it_is_accepted()
    {
        var (callId, json) = NewBody();

        using var response = await PostAsync(json, Sign(json, App.Key, App.Clock.GetUtcNow()));

        await AssertOkAsync(response);
        await AssertStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("bearer ")]
    public async Task A_token_with_the_Bearer_scheme_is_accepted(string scheme)
    {
        var (callId, json) = NewBody();

        using var response = await PostAsync(json, scheme + Sign(json, App.Key, App.Clock.GetUtcNow()));

        await AssertOkAsync(response);
        await AssertStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_refusal_names_neither_the_secret_nor_the_token()
    {
        var (_, json) = NewBody();
        var token = Sign(json, App.Key, App.Clock.GetUtcNow());

        using var response = await PostAsync(json + " ", token);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(SwitchboardApp.ApiSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, response.Headers.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_logs_neither_the_secret_nor_the_token()
    {
        var (_, json) = NewBody();
        var token = Sign(json, App.Key, App.Clock.GetUtcNow());

        using var response = await PostAsync(json + " ", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var logged = string.Join('\n', App.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception));
        Assert.DoesNotContain(SwitchboardApp.ApiSecret, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logged, StringComparison.Ordinal);
    }

    private static (string CallId, string Json) NewBody()
    {
        var callId = "SCL_" + Guid.NewGuid().ToString("N");
        return (callId, JsonSerializer.Serialize(new { call_id = callId, from_number = SwitchboardApp.NewNumber(), to_number = SwitchboardApp.NewNumber() }));
    }

    /// <summary>A LiveKit webhook token for <paramref name="json"/>, issued at <paramref name="issuedAt"/> and valid for 5 minutes, as LiveKit sends.</summary>
    private static string Sign(string json, WebhookKey key, DateTimeOffset issuedAt) =>
        AccessTokenWriter.SignWebhook(key, Encoding.UTF8.GetBytes(json), issuedAt, ValidFor);

    private async Task<HttpResponseMessage> PostAsync(string json, string? authorization)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, RoutingWebhookEndpoints.Path)
        {
            Content = new StringContent(json, new MediaTypeHeaderValue("application/json")),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task AssertOkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string detail)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"expected 401, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("Invalid signature", problem.GetProperty("title").GetString());
        Assert.Equal("invalid_signature", problem.GetProperty("code").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    private async Task AssertNotStoredAsync(string callId)
    {
        using var client = App.CreateAdminClient();
        using var response = await client.GetAsync($"/api/v1/calls/{callId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task AssertStoredAsync(string callId)
    {
        using var client = App.CreateAdminClient();
        using var response = await client.GetAsync($"/api/v1/calls/{callId}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

[Collection(nameof(OnSqlite))]
public sealed class SignatureOnSqlite(SqliteApp app) : SignatureTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class SignatureOnPostgres(PostgresApp app) : SignatureTests<PostgresApp>(app);

/// <summary>
/// Signatures made on the wall clock rather than the app's fake one: by the official LiveKit Node SDK, which cannot be told
/// another time, and by a second, rotated-in key pair. Hence a dedicated app (see <see cref="RealClockApp"/>).
/// </summary>
public sealed class RealClockSignatureTests(RealClockApp app) : AppTests<RealClockApp>(app), IClassFixture<RealClockApp>
{
    [Fact]
    [Trait("Category", "Interop")]
    public async Task A_body_signed_by_the_LiveKit_Node_SDK_is_accepted()
    {
        NodeSigner.EnsureAvailable();
        var (callId, json) = NewBody();
        var token = await NodeSigner.SignAsync(App.Key, json, Ct);

        using var response = await PostAsync(json, token);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal(HttpStatusCode.OK, await CallStatusAsync(callId));
        App.AssertNoWarningsLogged();
    }

    [Fact]
    [Trait("Category", "Interop")]
    public async Task A_LiveKit_Node_SDK_token_for_another_body_is_a_401_and_stores_nothing()
    {
        NodeSigner.EnsureAvailable();
        var (callId, json) = NewBody();
        var token = await NodeSigner.SignAsync(App.Key, json, Ct);
        var tampered = json.Replace(callId, callId.ToUpperInvariant(), StringComparison.Ordinal);

        using var response = await PostAsync(tampered, token);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("invalid_signature", JsonSerializer.Deserialize<JsonElement>(text).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, await CallStatusAsync(callId));
        Assert.Equal(HttpStatusCode.NotFound, await CallStatusAsync(callId.ToUpperInvariant()));
    }

    [Fact]
    public async Task A_body_signed_with_the_second_configured_key_is_accepted()
    {
        var (callId, json) = NewBody();
        var token = AccessTokenWriter.SignWebhook(RealClockApp.NextKey, Encoding.UTF8.GetBytes(json), TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));

        using var response = await PostAsync(json, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await CallStatusAsync(callId));
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_body_signed_with_the_first_key_is_still_accepted_while_a_second_is_configured()
    {
        var (callId, json) = NewBody();
        var token = AccessTokenWriter.SignWebhook(App.Key, Encoding.UTF8.GetBytes(json), TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));

        using var response = await PostAsync(json, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await CallStatusAsync(callId));
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_token_naming_the_second_key_but_signed_with_the_first_secret_is_a_401()
    {
        var (callId, json) = NewBody();
        var mixed = new WebhookKey(RealClockApp.NextKey.ApiKey, SwitchboardApp.ApiSecret);
        var token = AccessTokenWriter.SignWebhook(mixed, Encoding.UTF8.GetBytes(json), TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));

        using var response = await PostAsync(json, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await CallStatusAsync(callId));
    }

    private static (string CallId, string Json) NewBody()
    {
        var callId = "SCL_" + Guid.NewGuid().ToString("N");
        return (callId, JsonSerializer.Serialize(new { call_id = callId, from_number = SwitchboardApp.NewNumber(), to_number = SwitchboardApp.NewNumber() }));
    }

    private async Task<HttpResponseMessage> PostAsync(string json, string authorization)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, RoutingWebhookEndpoints.Path)
        {
            Content = new StringContent(json, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request, Ct);
    }

    private async Task<HttpStatusCode> CallStatusAsync(string callId)
    {
        using var client = App.CreateAdminClient();
        using var response = await client.GetAsync($"/api/v1/calls/{callId}", Ct);
        return response.StatusCode;
    }
}

/// <summary>
/// The service on its own SQLite file, verifying with the wall clock (<see cref="TimeProvider.System"/>) instead of the fixed
/// <see cref="SwitchboardApp.Clock"/>, and with a second webhook key pair (<see cref="NextKey"/>) configured beside the first.
/// </summary>
/// <remarks>
/// The Node SDK stamps tokens with the real time and cannot be given another, while the shared apps verify at 2026-03-02T15:00Z;
/// moving their clock would disturb every other test in the collection. A separate app costs a second and disturbs nothing.
/// </remarks>
public sealed class RealClockApp : SwitchboardApp
{
    public static readonly WebhookKey NextKey = new("APInextkey", "next-secret-9876543210-zyxwvutsrq");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "switchboard-test-" + Guid.NewGuid().ToString("N"));

    public override string Provider => "sqlite";

    protected override Task PrepareDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        ConnectionString = $"Data Source={Path.Combine(_folder, "switchboard.db")}";
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder
            .UseSetting("Switchboard:WebhookKeys:1:ApiKey", NextKey.ApiKey)
            .UseSetting("Switchboard:WebhookKeys:1:ApiSecret", NextKey.ApiSecret)
            .ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(TimeProvider.System);
            });
    }

    protected override ValueTask DisposeDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temp directory.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Signs bodies with tests/interop/sign.mjs (the official LiveKit Node server SDK). As in Switchboard.LiveKit.Tests: without
/// node or tests/interop/node_modules the calling test skips, unless <c>SWITCHBOARD_REQUIRE_INTEROP=1</c> makes it fail.
/// </summary>
internal static class NodeSigner
{
    public const string RequireVariable = "SWITCHBOARD_REQUIRE_INTEROP";

    private static readonly TimeSpan SignTimeout = TimeSpan.FromMinutes(1);
    private static readonly Lazy<string?> InteropDirectory = new(FindInteropDirectory);
    private static readonly Lazy<string?> NodeExecutable = new(() => ChildProcess.FindExecutable(OperatingSystem.IsWindows() ? "node.exe" : "node"));

    public static void EnsureAvailable()
    {
        var missing = NodeExecutable.Value is null
            ? "node is not on PATH"
            : InteropDirectory.Value is null
                ? "no tests/interop above the test assembly"
                : !Directory.Exists(Path.Combine(InteropDirectory.Value, "node_modules", "livekit-server-sdk"))
                    ? "tests/interop/node_modules is missing (run `npm ci` in tests/interop)"
                    : null;
        if (missing is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"LiveKit Node SDK interop cannot run: {missing}, and {RequireVariable}=1 requires it.");
        }

        Assert.Skip($"LiveKit Node SDK interop skipped: {missing}.");
    }

    /// <summary>The token LiveKit's webhook sender would put in the Authorization header for <paramref name="body"/>, stamped with the wall clock.</summary>
    public static async Task<string> SignAsync(WebhookKey key, string body, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(NodeExecutable.Value!)
        {
            WorkingDirectory = InteropDirectory.Value!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("sign.mjs");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SignTimeout);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node sign.mjs.");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { key = key.ApiKey, secret = key.ApiSecret, body }).AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            var stdout = await output;
            Assert.True(process.ExitCode == 0, $"node sign.mjs exited with {process.ExitCode}: {await errors}");
            return JsonSerializer.Deserialize<JsonElement>(stdout).GetProperty("token").GetString()!;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static string? FindInteropDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Switchboard.slnx")))
            {
                return Path.Combine(directory.FullName, "tests", "interop");
            }
        }

        return null;
    }

}
