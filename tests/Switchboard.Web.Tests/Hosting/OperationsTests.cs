using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Switchboard.LiveKit;
using Switchboard.Web.Routing;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Hosting;

/// <summary>What operators rely on: health and readiness probes, Prometheus metrics, and the admin API's key check.</summary>
public abstract class OperationsTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    private const string AdminPath = "/api/v1/config";

    [Fact]
    public async Task Liveness_probe_answers_200_without_a_key()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Readiness_probe_answers_200_when_the_database_is_migrated_and_the_table_loaded()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync("/readyz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Metrics_are_served_as_prometheus_text_without_a_key()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_api_without_a_key_is_a_401_problem()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(AdminPath, Ct);

        await AssertUnauthorizedProblemAsync(response);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("X-Api-Key", "wrong-key")]
    [InlineData("X-Api-Key", SwitchboardApp.ApiSecret)]
    [InlineData("Authorization", "Bearer wrong-key")]
    [InlineData("Authorization", "Bearer " + SwitchboardApp.AdminKey + "x")]
    [InlineData("Authorization", SwitchboardApp.AdminKey)]
    public async Task Admin_api_with_a_wrong_key_is_a_401_problem(string header, string value)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, AdminPath);
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request, Ct);

        await AssertUnauthorizedProblemAsync(response);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Admin_api_accepts_the_key_as_a_bearer_token()
    {
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SwitchboardApp.AdminKey);

        using var response = await client.GetAsync(AdminPath, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Admin_api_accepts_the_key_in_X_Api_Key()
    {
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", SwitchboardApp.AdminKey);

        using var response = await client.GetAsync(AdminPath, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("Authorization", "Bearer " + SwitchboardApp.AdminKey)]
    [InlineData("X-Api-Key", SwitchboardApp.AdminKey)]
    public async Task Routing_webhook_does_not_take_the_admin_key_for_a_signature(string header, string value)
    {
        var callId = "SCL_" + Guid.NewGuid().ToString("N");
        var json = JsonSerializer.Serialize(new { call_id = callId, from_number = SwitchboardApp.NewNumber(), to_number = SwitchboardApp.NewNumber() });
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, RoutingWebhookEndpoints.Path)
        {
            Content = new StringContent(json, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request, Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid_signature", JsonSerializer.Deserialize<JsonElement>(text).GetProperty("code").GetString());
        using var admin = App.CreateAdminClient();
        using var call = await admin.GetAsync($"/api/v1/calls/{callId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, call.StatusCode);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Admin_api_does_not_take_a_webhook_signature_for_a_key()
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, AdminPath);
        request.Headers.TryAddWithoutValidation("Authorization", AccessTokenWriter.SignWebhook(App.Key, [], App.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));

        using var response = await client.SendAsync(request, Ct);

        await AssertUnauthorizedProblemAsync(response);
    }

    private static async Task AssertUnauthorizedProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"expected 401, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("Unauthorized", problem.GetProperty("title").GetString());
        Assert.DoesNotContain(SwitchboardApp.AdminKey, text, StringComparison.Ordinal);
    }
}

[Collection(nameof(OnSqlite))]
public sealed class OperationsOnSqlite(SqliteApp app) : OperationsTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class OperationsOnPostgres(PostgresApp app) : OperationsTests<PostgresApp>(app);
