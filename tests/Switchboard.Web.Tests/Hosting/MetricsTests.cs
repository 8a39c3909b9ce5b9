using System.Globalization;
using System.Net;
using System.Text.Json;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Hosting;

/// <summary>
/// Prometheus metrics on <c>/metrics</c>. Each test starts its own host: OpenTelemetry keys metric streams by meter and
/// instrument name, so a second host in the same process that stops would end the shared host's streams too — something
/// a service, one host per process, never sees.
/// </summary>
public sealed class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_count_routing_decisions_by_reason()
    {
        await using var app = await StartAsync();
        var number = await CampaignNumberAsync(app);
        var before = Samples(await MetricsAsync(app), "switchboard_routing_decisions_total", "reason=\"campaign_agent\"").Sum(Value);

        await RouteAsync(app, number);

        var after = Samples(await MetricsAsync(app), "switchboard_routing_decisions_total", "reason=\"campaign_agent\"").Sum(Value);
        Assert.True(after >= before + 1, $"campaign_agent decisions went from {before} to {after}");
        app.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Metrics_have_a_routing_duration_histogram()
    {
        await using var app = await StartAsync();
        var number = await CampaignNumberAsync(app);
        await RouteAsync(app, number);

        var metrics = await MetricsAsync(app);

        var buckets = Samples(metrics, "switchboard_routing_duration_seconds_bucket", "outcome=\"accept\"").ToList();
        Assert.Contains(buckets, line => line.Contains("le=\"+Inf\"", StringComparison.Ordinal) && Value(line) >= 1);
        app.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Metrics_name_the_decision_counter_switchboard_routing_decisions_total()
    {
        await using var app = await StartAsync();
        var number = await CampaignNumberAsync(app);
        await MetricsAsync(app);
        await RouteAsync(app, number);

        var metrics = await MetricsAsync(app);

        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("switchboard_routing_decisions_total{", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_bucket_routing_durations_at_the_declared_sub_millisecond_boundaries()
    {
        await using var app = await StartAsync();
        var number = await CampaignNumberAsync(app);
        await MetricsAsync(app);
        await RouteAsync(app, number);

        var metrics = await MetricsAsync(app);

        var buckets = Samples(metrics, "switchboard_routing_duration_seconds_bucket", "outcome=\"accept\"").ToList();
        Assert.Contains(buckets, line => line.Contains("le=\"0.0005\"", StringComparison.Ordinal));
        Assert.Contains(buckets, line => line.Contains("le=\"0.001\"", StringComparison.Ordinal));
    }

    private static async Task<SqliteApp> StartAsync()
    {
        var app = new SqliteApp();
        await app.InitializeAsync();
        app.Logs.Clear();
        return app;
    }

    /// <summary>A fresh tenant whose number is answered by a campaign agent.</summary>
    private static async Task<string> CampaignNumberAsync(SwitchboardApp app)
    {
        var id = SwitchboardApp.NewSlug("t");
        var number = SwitchboardApp.NewNumber();
        await app.ApplyAsync($"""
            tenants:
              - id: {id}
                name: Tenant {id}
                default_agent: tenant-bot
                timezone: America/New_York
                campaigns:
                  - id: promo
                    name: Promo
                    agent: sales-bot
                numbers:
                  - number: "{number}"
                    campaign: promo
            """);
        return number;
    }

    private static async Task RouteAsync(SwitchboardApp app, string to)
    {
        var json = JsonSerializer.Serialize(new { call_id = "SCL_" + Guid.NewGuid().ToString("N"), from_number = SwitchboardApp.NewNumber(), to_number = to });
        using var client = app.CreateClient();
        using var request = app.SignedRoute(json);
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("campaign_agent", JsonSerializer.Deserialize<JsonElement>(text).GetProperty("reason").GetString());
    }

    private static async Task<string> MetricsAsync(SwitchboardApp app)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The sample lines of the metric family whose name ends with <paramref name="family"/> and whose labels include <paramref name="label"/>.</summary>
    private static IEnumerable<string> Samples(string metrics, string family, string label) => metrics.Split('\n')
        .Where(line => !line.StartsWith('#') && line.IndexOf('{', StringComparison.Ordinal) is > 0 and var brace
            && line[..brace].EndsWith(family, StringComparison.Ordinal) && line[brace..].Contains(label, StringComparison.Ordinal));

    private static double Value(string sample) => double.Parse(sample[(sample.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
}
