using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Configuration;
using Switchboard.Data;
using Switchboard.Web.Routing;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>
/// The service with its database down: the webhook answers from memory when it has a routing table (degraded, no lead) and 503 when it
/// never had one; never 500. Health tells liveness from readiness; the admin API answers 503 without internals.
/// </summary>
[Collection(nameof(OnUnreachableDatabase))]
public sealed class DegradedTests(UnreachableDatabaseApp app) : AppTests<UnreachableDatabaseApp>(app)
{
    [Fact]
    public async Task Without_any_routing_table_the_webhook_answers_503_unavailable()
    {
        Assert.Null(App.Services.GetRequiredService<RoutingTables>().Current);   // this collection's app never publishes one
        using var client = App.CreateClient();
        using var request = App.SignedRoute(RouteJson(SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber()));

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("unavailable", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task With_a_table_in_memory_a_call_is_answered_degraded_without_a_lead_and_a_warning_is_logged()
    {
        await using var app = new UnreachableDatabaseApp();   // its own host: publishing a table must not reach the other tests
        await app.InitializeAsync();
        var number = SwitchboardApp.NewNumber();
        var parsed = ConfigParser.Parse($"""
            tenants:
              - id: degraded
                name: Degraded Ltd
                default_agent: memory-bot
                numbers:
                  - number: "{number}"
            """);
        Assert.True(parsed.IsValid, string.Join('\n', parsed.Errors));
        app.Services.GetRequiredService<RoutingTables>().Publish(parsed.Config.ToRoutingTable(1));
        app.Logs.Clear();
        using var client = app.CreateClient();
        using var request = app.SignedRoute(RouteJson(SwitchboardApp.NewNumber(), number));

        using var response = await client.SendAsync(request, Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        using var answer = JsonDocument.Parse(text);
        Assert.Equal("accept", answer.RootElement.GetProperty("action").GetString());
        Assert.Equal("memory-bot", answer.RootElement.GetProperty("agent_name").GetString());
        Assert.True(answer.RootElement.GetProperty("degraded").GetBoolean());
        Assert.Equal(1, answer.RootElement.GetProperty("config_version").GetInt64());
        Assert.Equal("degraded", answer.RootElement.GetProperty("metadata").GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, answer.RootElement.GetProperty("metadata").GetProperty("lead").ValueKind);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Category == typeof(CallRouting).FullName
            && r.Message.Contains("storage failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readiness_fails_while_liveness_holds()
    {
        using var client = App.CreateClient();

        using var ready = await client.GetAsync("/readyz", Ct);
        using var live = await client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task An_admin_read_on_a_dead_database_answers_503_problem_details_without_internals()
    {
        using var client = App.CreateAdminClient();
        client.Timeout = TimeSpan.FromSeconds(30);   // a hang fails here instead of stalling the run

        using var response = await client.GetAsync("/api/v1/calls/SCL_" + Guid.NewGuid().ToString("N"), Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("unavailable", problem.RootElement.GetProperty("code").GetString());
        Assert.True(problem.RootElement.TryGetProperty("trace_id", out _), text);
        foreach (var leak in new[] { "Npgsql", "Exception", "127.0.0.1", "Port=1", " at ", "Switchboard.Web" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }
    }

    private static string RouteJson(string from, string to) =>
        JsonSerializer.Serialize(new { call_id = "SCL_" + Guid.NewGuid().ToString("N"), from_number = from, to_number = to });
}
