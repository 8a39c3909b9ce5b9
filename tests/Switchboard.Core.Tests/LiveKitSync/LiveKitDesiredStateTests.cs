using System.Text.Json;
using Switchboard.Core.Configuration;
using Switchboard.Core.DispatchRules;
using Switchboard.Core.LiveKitSync;
using Xunit;
using static Switchboard.Core.Tests.LiveKitSync.Sync;

namespace Switchboard.Core.Tests.LiveKitSync;

public sealed class LiveKitDesiredStateTests
{
    [Fact]
    public void One_managed_trunk_lists_every_configured_number_with_its_plus_and_the_given_addresses()
    {
        var desired = Desired(Config(), LiveKitSyncMode.Events);

        var trunk = Assert.Single(desired.Trunks);
        Assert.Equal(ManagedObjects.TrunkName, trunk.Name);
        Assert.Equal([N1, N2, N3], trunk.Numbers);
        Assert.Equal(Twilio.AllowedAddresses, trunk.AllowedAddresses);
        Assert.True(ManagedObjects.IsManaged(trunk));
    }

    [Theory]
    [InlineData(LiveKitSyncMode.Events)]
    [InlineData(LiveKitSyncMode.Webhook)]
    public void Events_and_webhook_modes_want_one_catch_all_rule_on_the_trunk_without_agents(LiveKitSyncMode mode)
    {
        var desired = Desired(Config(globalAgent: "front-desk"), mode);

        var rule = Assert.Single(desired.DispatchRules);
        Assert.Equal(ManagedObjects.CatchAllRuleName, rule.Name);
        Assert.Equal([ManagedObjects.PendingTrunkId], rule.TrunkIds);
        Assert.Empty(rule.Numbers);
        Assert.Empty(rule.Agents);
        Assert.Equal((DispatchRuleKind.Individual, "call", false), (rule.Kind, rule.Room, rule.NoRandomness));
        Assert.True(ManagedObjects.IsManaged(rule));
    }

    [Fact]
    public void Static_mode_wants_one_rule_per_number_with_the_agent_the_router_picks_now()
    {
        var desired = Desired(Config(globalAgent: "front-desk"), LiveKitSyncMode.Static);

        Assert.Equal([$"switchboard: {N1}", $"switchboard: {N2}", $"switchboard: {N3}"], desired.DispatchRules.Select(r => r.Name));
        Assert.Equal(["spring-bot", "acme-bot", "front-desk"], desired.DispatchRules.Select(r => Assert.Single(r.Agents).AgentName));
        Assert.All(desired.DispatchRules, rule =>
        {
            Assert.Equal([rule.Name[ManagedObjects.NamePrefix.Length..]], rule.Numbers);
            Assert.Equal([ManagedObjects.PendingTrunkId], rule.TrunkIds);
            Assert.Equal((DispatchRuleKind.Individual, "call", false), (rule.Kind, rule.Room, rule.NoRandomness));
            Assert.True(ManagedObjects.IsManaged(rule));
        });
    }

    [Fact]
    public void A_static_rule_tells_the_agent_its_tenant_and_campaign_in_metadata_and_attributes()
    {
        var desired = Desired(Config(), LiveKitSyncMode.Static);

        var rule = desired.Rule($"switchboard: {N1}");
        using var metadata = JsonDocument.Parse(Assert.Single(rule.Agents).Metadata);
        Assert.Equal("acme", metadata.RootElement.GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("spring", metadata.RootElement.GetProperty("campaign").GetProperty("id").GetString());
        Assert.Equal("spring", metadata.RootElement.GetProperty("campaign").GetProperty("metadata").GetProperty("script").GetString());
        Assert.Equal("campaign_agent", metadata.RootElement.GetProperty("reason").GetString());
        Assert.Equal("acme", rule.Attributes[ManagedObjects.TenantAttribute]);
        Assert.Equal("spring", rule.Attributes[ManagedObjects.CampaignAttribute]);
        Assert.False(desired.Rule($"switchboard: {N2}").Attributes.ContainsKey(ManagedObjects.CampaignAttribute));
    }

    [Fact]
    public void A_number_the_router_rejects_gets_no_static_rule_but_stays_on_the_trunk()
    {
        var desired = Desired(Config(globalAgent: null), LiveKitSyncMode.Static);

        Assert.DoesNotContain(desired.DispatchRules, r => r.Numbers.Contains(N3));
        Assert.Contains(N3, Assert.Single(desired.Trunks).Numbers);
    }

    [Fact]
    public void Static_mode_has_no_catch_all_even_with_a_global_default_agent()
    {
        var desired = Desired(Config(globalAgent: "front-desk"), LiveKitSyncMode.Static);

        Assert.All(desired.DispatchRules, r => Assert.Single(r.Numbers));
    }

    [Theory]
    [InlineData("2026-03-02T14:59:59Z", "acme-bot")]      // before the campaign starts: the tenant's agent
    [InlineData("2026-03-02T15:00:00Z", "spring-bot")]    // from its start
    [InlineData("2026-03-09T14:59:59Z", "spring-bot")]
    [InlineData("2026-03-09T15:00:00Z", "acme-bot")]      // from its end: the tenant's agent again
    public void Static_agents_follow_the_campaign_window(string now, string agent)
    {
        var config = Config(startsAt: "2026-03-02T15:00:00Z", endsAt: "2026-03-09T15:00:00Z");

        var desired = Desired(config, LiveKitSyncMode.Static, Time(now));

        Assert.Equal(agent, Assert.Single(desired.Rule($"switchboard: {N1}").Agents).AgentName);
    }

    [Fact]
    public void Without_configured_numbers_nothing_is_wanted()
    {
        var desired = Desired(SwitchboardConfig.Empty, LiveKitSyncMode.Events);

        Assert.True(desired.IsEmpty);
    }

    [Fact]
    public void The_same_inputs_give_the_same_objects()
    {
        var first = LiveKitRulesJson.Write(Desired(Config(), LiveKitSyncMode.Static));

        var second = LiveKitRulesJson.Write(Desired(Config(), LiveKitSyncMode.Static));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Digest_credentials_go_on_the_trunk()
    {
        var settings = new ManagedTrunkSettings { AuthUsername = "sip-user", AuthPassword = "s3cret-pass" };

        var trunk = Assert.Single(LiveKitDesiredState.Compute(Config(), LiveKitSyncMode.Events, settings, Now).Trunks);

        Assert.True(trunk.HasAuth);
        Assert.Empty(trunk.AllowedAddresses);
    }

    private static DateTimeOffset Time(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
