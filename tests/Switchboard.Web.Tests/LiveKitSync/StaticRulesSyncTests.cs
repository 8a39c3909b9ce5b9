using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.LiveKit.Api;
using Switchboard.LiveKit.StandIn;
using Switchboard.Web.Tests.Fixtures;
using Switchboard.Web.Workers;
using Xunit;

namespace Switchboard.Web.Tests.LiveKitSync;

/// <summary>
/// Static mode in the service: <see cref="StaticRulesSync"/> compiles the configuration in force into LiveKit dispatch rules
/// (one per dialed number, naming the agent the router picks now) and keeps them so — after a configuration is applied
/// through the admin API, and when a campaign starts. The worker is driven by the app's fake clock.
/// </summary>
public abstract class StaticRulesSyncTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected abstract LiveKitStandIn LiveKit { get; }

    [Fact]
    public async Task Applying_a_configuration_compiles_its_numbers_into_rules_and_a_change_follows()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());

        await WaitForAgentAsync(tenant.CampaignNumber, "sales-bot");
        await WaitForAgentAsync(tenant.PlainNumber, "tenant-bot");
        await App.ApplyAsync(tenant.Yaml(campaignAgent: "closer-bot"));

        var rule = await WaitForAgentAsync(tenant.CampaignNumber, "closer-bot");
        Assert.Equal([tenant.CampaignNumber], rule.Numbers);
        using var metadata = JsonDocument.Parse(rule.Info["room_config"]!["agents"]![0]!["metadata"]!.GetValue<string>());
        Assert.Equal(tenant.Id, metadata.RootElement.GetProperty("tenant").GetProperty("id").GetString());
        Assert.Contains(tenant.CampaignNumber, Assert.Single(LiveKit.Trunks).Info["numbers"]!.AsArray().Select(n => n!.GetValue<string>()));
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_campaign_starting_hands_its_number_to_the_campaign_agent()
    {
        var tenant = TestTenant.New();
        var starts = App.Clock.GetUtcNow().AddMinutes(5);     // well before the periodic re-sync, so only the boundary can cause the change
        var text = starts.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var yaml = tenant.Yaml(campaignAgent: "launch-bot").Replace("        active: true\n", $"        active: true\n        starts_at: {text}\n", StringComparison.Ordinal);
        Assert.Contains(text, yaml, StringComparison.Ordinal);
        await App.ApplyAsync(yaml);
        await WaitForAgentAsync(tenant.CampaignNumber, "tenant-bot");

        App.Clock.Advance(starts - App.Clock.GetUtcNow());

        await WaitForAgentAsync(tenant.CampaignNumber, "launch-bot", tick: false);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Explain_shows_the_agent_LiveKits_rule_dispatches_itself()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        using var client = App.CreateAdminClient();

        using var response = await client.PostAsync("/api/v1/routing/explain",
            new StringContent(Calls.Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), tenant.CampaignNumber), System.Text.Encoding.UTF8, "application/json"), Ct);
        using var explained = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var liveKit = explained.RootElement.GetProperty("livekit");
        Assert.Equal(("static", "ACCEPT", $"switchboard: {tenant.CampaignNumber}"),
            (liveKit.GetProperty("mode").GetString(), liveKit.GetProperty("result").GetString(), liveKit.GetProperty("rule").GetString()));
        Assert.Equal(["sales-bot"], liveKit.GetProperty("agents").EnumerateArray().Select(a => a.GetString()));
        Assert.EndsWith("and dispatches 'sales-bot' itself.", liveKit.GetProperty("then").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_managed_rule_deleted_in_LiveKit_comes_back_at_the_next_resync()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        var rule = await WaitForAgentAsync(tenant.PlainNumber, "tenant-bot");
        await DeleteInLiveKitAsync(rule.Id);
        Assert.DoesNotContain(LiveKit.Rules, r => r.Id == rule.Id);

        App.Clock.Advance(StaticRulesSync.ResyncInterval);

        var back = await WaitForAgentAsync(tenant.PlainNumber, "tenant-bot", tick: false);
        Assert.NotEqual(rule.Id, back.Id);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_failed_sync_is_logged_and_retried()
    {
        var tenant = TestTenant.New();
        LiveKit.FailNext("ListSIPInboundTrunk", code: "permission_denied", message: "stand-in: key lost its grant");

        await App.ApplyAsync(tenant.Yaml());

        await WaitForAgentAsync(tenant.CampaignNumber, "sales-bot");
        Assert.Contains(App.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Category == typeof(StaticRulesSync).FullName
            && r.Message.StartsWith("Static dispatch rules: retrying in 5 s", StringComparison.Ordinal));
    }

    /// <summary>Deletes a rule the way an operator would, through LiveKit's API.</summary>
    private async Task DeleteInLiveKitAsync(string ruleId)
    {
        await using var services = LiveKitSyncApps.Services(LiveKit, App.Clock);
        await services.GetRequiredService<SipClient>().DeleteSipDispatchRuleAsync(ruleId, Ct);
    }

    /// <summary>
    /// Waits until the stand-in holds the number's rule with <paramref name="agent"/>, and returns it. With <paramref name="tick"/>
    /// the worker's clock moves a poll interval at a time meanwhile; without, the test has already moved it as far as it means to.
    /// </summary>
    private async Task<StandInRule> WaitForAgentAsync(string number, string agent, bool tick = true)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var rule = LiveKit.Rules.SingleOrDefault(r => r.Name == $"switchboard: {number}");
            if (rule?.Info["room_config"]?["agents"]?.AsArray().SingleOrDefault()?["agent_name"]?.GetValue<string>() == agent)
            {
                return rule;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {number}'s rule to name {agent}. Logged:\n"
                + string.Join('\n', App.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Information).Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception?.Message}")));
            if (tick)
            {
                App.Clock.Advance(StaticRulesSync.PollInterval);
            }

            await Task.Delay(20, Ct);
        }
    }
}

[Collection(nameof(OnSqliteStatic))]
public sealed class StaticRulesSyncOnSqlite(SqliteStaticApp app) : StaticRulesSyncTests<SqliteStaticApp>(app)
{
    protected override LiveKitStandIn LiveKit => App.LiveKit;
}

[Collection(nameof(OnPostgresStatic))]
public sealed class StaticRulesSyncOnPostgres(PostgresStaticApp app) : StaticRulesSyncTests<PostgresStaticApp>(app)
{
    protected override LiveKitStandIn LiveKit => App.LiveKit;
}
