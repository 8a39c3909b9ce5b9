using Switchboard.Core.Configuration;
using Switchboard.Core.Routing;
using Switchboard.Core.Tests.Support;
using Xunit;
using static Switchboard.Core.Tests.Support.Known;

namespace Switchboard.Core.Tests.Routing;

public sealed class RouterTests
{
    private const string NotSet = "none";

    // ── d. Who answers a configured number ──────────────────────────────────────────────────────────────

    [Theory]
    //           number       campaign       campaign    tenant     global       → agent          reason
    [InlineData(NumberAgent, CampaignAgent, "active", AcmeAgent, GlobalAgent, NumberAgent, RoutingReason.NumberAgent)]        // override beats an active campaign
    [InlineData(NumberAgent, CampaignAgent, "inactive", AcmeAgent, GlobalAgent, NumberAgent, RoutingReason.NumberAgent)]
    [InlineData(NumberAgent, null, NotSet, null, null, NumberAgent, RoutingReason.NumberAgent)]        // override alone
    [InlineData(null, CampaignAgent, "active", AcmeAgent, GlobalAgent, CampaignAgent, RoutingReason.CampaignAgent)]      // campaign beats tenant default
    [InlineData(null, CampaignAgent, "active", null, null, CampaignAgent, RoutingReason.CampaignAgent)]
    [InlineData(null, CampaignAgent, "inactive", AcmeAgent, GlobalAgent, AcmeAgent, RoutingReason.TenantDefaultAgent)] // inactive: falls to the tenant
    [InlineData(null, CampaignAgent, "inactive", null, GlobalAgent, GlobalAgent, RoutingReason.GlobalDefaultAgent)] // ... then the global default
    [InlineData(null, CampaignAgent, "inactive", null, null, null, RoutingReason.NoAgentConfigured)]  // ... then nobody
    [InlineData(null, null, "active", AcmeAgent, GlobalAgent, AcmeAgent, RoutingReason.TenantDefaultAgent)] // campaign without agent: the tenant
    [InlineData(null, null, "active", null, GlobalAgent, GlobalAgent, RoutingReason.GlobalDefaultAgent)]
    [InlineData(null, null, "active", null, null, null, RoutingReason.NoAgentConfigured)]
    [InlineData(null, null, NotSet, AcmeAgent, GlobalAgent, AcmeAgent, RoutingReason.TenantDefaultAgent)] // no campaign
    [InlineData(null, null, NotSet, null, GlobalAgent, GlobalAgent, RoutingReason.GlobalDefaultAgent)]
    [InlineData(null, null, NotSet, null, null, null, RoutingReason.NoAgentConfigured)]
    public void Agent_is_number_override_then_active_campaign_then_tenant_then_global(
        string? numberAgent, string? campaignAgent, string campaign, string? tenantAgent, string? globalAgent, string? expectedAgent, RoutingReason expectedReason)
    {
        var table = new TableBuilder
        {
            AcmeNumberAgent = numberAgent,
            AcmeCampaign = campaign switch
            {
                "active" => Campaigns.Spring(campaignAgent),
                "inactive" => Campaigns.Spring(campaignAgent, active: false),
                _ => null,
            },
            AcmeAgent = tenantAgent,
            GlobalAgent = globalAgent,
        }.Build();

        var decision = Router.Decide(Calls.From(Caller, AcmeNumber), table, Now);

        Assert.Equal((expectedReason, expectedAgent), (decision.Reason, decision.Agent()));
        Assert.Equal(expectedAgent is null, decision is RoutingDecision.Reject);
        Assert.Equal(AcmeNumber, decision.Route?.Number.Value);
        Assert.Equal("acme", decision.Tenant?.Id);
    }

    [Theory]
    [InlineData("switched_off", AcmeAgent, GlobalAgent, AcmeAgent, RoutingReason.TenantDefaultAgent)]
    [InlineData("switched_off", null, GlobalAgent, GlobalAgent, RoutingReason.GlobalDefaultAgent)]
    [InlineData("switched_off", null, null, null, RoutingReason.NoAgentConfigured)]
    [InlineData("not_started", AcmeAgent, GlobalAgent, AcmeAgent, RoutingReason.TenantDefaultAgent)]
    [InlineData("not_started", null, GlobalAgent, GlobalAgent, RoutingReason.GlobalDefaultAgent)]
    [InlineData("not_started", null, null, null, RoutingReason.NoAgentConfigured)]
    [InlineData("ends_now", AcmeAgent, GlobalAgent, AcmeAgent, RoutingReason.TenantDefaultAgent)]
    [InlineData("ends_now", null, GlobalAgent, GlobalAgent, RoutingReason.GlobalDefaultAgent)]
    [InlineData("ends_now", null, null, null, RoutingReason.NoAgentConfigured)]
    [InlineData("ended", AcmeAgent, GlobalAgent, AcmeAgent, RoutingReason.TenantDefaultAgent)]
    [InlineData("ended", null, GlobalAgent, GlobalAgent, RoutingReason.GlobalDefaultAgent)]
    [InlineData("ended", null, null, null, RoutingReason.NoAgentConfigured)]
    public void Inactive_campaign_falls_through_to_tenant_then_global_then_no_agent(
        string inactive, string? tenantAgent, string? globalAgent, string? expectedAgent, RoutingReason expectedReason)
    {
        var table = new TableBuilder { AcmeCampaign = Campaigns.Inactive(inactive), AcmeAgent = tenantAgent, GlobalAgent = globalAgent }.Build();

        var decision = Router.Decide(Calls.From(Caller, AcmeNumber), table, Now);

        Assert.Equal((expectedReason, expectedAgent), (decision.Reason, decision.Agent()));
        Assert.Null(decision.Campaign);
        Assert.Contains("campaign:inactive", decision.Steps(), StringComparison.Ordinal);
    }

    // ── c. When a campaign counts: switched on and now in [starts_at, ends_at) ────────────────────────

    [Theory]
    //          active  starts_at                  ends_at                    now                              counts
    [InlineData(true, null, null, "2026-03-02T15:00:00Z", true)]
    [InlineData(false, null, null, "2026-03-02T15:00:00Z", false)] // switched off
    [InlineData(false, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-03-02T15:00:00Z", false)] // switched off inside its window
    [InlineData(true, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-02-28T23:59:59.9999999Z", false)] // a tick before starts_at
    [InlineData(true, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-03-01T00:00:00Z", true)]  // exactly starts_at: inclusive
    [InlineData(true, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-03-31T23:59:59.9999999Z", true)]  // a tick before ends_at
    [InlineData(true, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-04-01T00:00:00Z", false)] // exactly ends_at: exclusive
    [InlineData(true, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-06-01T00:00:00Z", false)] // long after ends_at
    [InlineData(true, "2026-03-01T00:00:00Z", null, "2030-01-01T00:00:00Z", true)]  // open-ended
    [InlineData(true, "2026-03-01T00:00:00Z", null, "2026-01-01T00:00:00Z", false)]
    [InlineData(true, null, "2026-04-01T00:00:00Z", "2020-01-01T00:00:00Z", true)]  // no start
    [InlineData(true, null, "2026-04-01T00:00:00Z", "2026-04-01T00:00:00Z", false)]
    [InlineData(true, "2026-03-01T09:00:00+09:00", "2026-03-01T10:00:00+09:00", "2026-03-01T00:00:00Z", true)]  // same instant as starts_at, other offset
    [InlineData(true, "2026-03-01T09:00:00+09:00", "2026-03-01T10:00:00+09:00", "2026-03-01T01:00:00Z", false)] // same instant as ends_at, other offset
    public void Campaign_counts_only_when_switched_on_and_now_is_in_its_window(bool active, string? startsAt, string? endsAt, string now, bool counts)
    {
        var table = new TableBuilder { AcmeCampaign = Campaigns.Spring(active: active, startsAt: startsAt, endsAt: endsAt), AcmeAgent = AcmeAgent }.Build();

        var decision = Router.Decide(Calls.From(Caller, AcmeNumber), table, Time.At(now));

        Assert.Equal(counts ? (RoutingReason.CampaignAgent, CampaignAgent) : (RoutingReason.TenantDefaultAgent, AcmeAgent), (decision.Reason, decision.Agent()));
        Assert.Equal(counts ? "spring" : null, decision.Campaign?.Id);
        Assert.Equal(counts ? "active" : "inactive", Assert.Single(decision.Trace, s => s.Step == "campaign").Outcome);
    }

    [Theory]
    //          number agent  campaign agent  campaign     → decision.Campaign
    [InlineData(null, CampaignAgent, "active", "spring")]
    [InlineData(null, null, "active", "spring")]  // active without an agent still takes part (its metadata goes to the agent)
    [InlineData(NumberAgent, CampaignAgent, "active", "spring")]
    [InlineData(null, CampaignAgent, "switched_off", null)]
    [InlineData(null, CampaignAgent, "not_started", null)]
    [InlineData(null, CampaignAgent, "ends_now", null)]
    [InlineData(NumberAgent, CampaignAgent, "ended", null)]
    [InlineData(null, null, NotSet, null)]
    public void Decision_names_the_campaign_only_when_it_was_active(string? numberAgent, string? campaignAgent, string campaign, string? expectedCampaign)
    {
        var table = new TableBuilder
        {
            AcmeNumberAgent = numberAgent,
            AcmeCampaign = campaign switch
            {
                "active" => Campaigns.Spring(campaignAgent),
                NotSet => null,
                _ => Campaigns.Inactive(campaign, campaignAgent),
            },
            AcmeAgent = AcmeAgent,
        }.Build();

        var decision = Router.Decide(Calls.From(Caller, AcmeNumber), table, Now);

        Assert.Equal(expectedCampaign, decision.Campaign?.Id);
    }

    // ── a. Global blocklist: first, and beats everything ───────────────────────────────────────────────

    [Theory]
    [InlineData(Caller, AcmeNumber)]
    [InlineData("12025550143", AcmeNumber)]
    [InlineData("(202) 555-0143", AcmeNumber)]
    [InlineData("sip:+12025550143@carrier.test", AcmeNumber)]
    [InlineData("tel:+1-202-555-0143", AcmeNumber)]
    [InlineData(Caller, GlobexNumber)]
    [InlineData(Caller, UnknownNumber)]                 // beats unknown_number_default_agent
    [InlineData(Caller, "sip:support@example.com")]     // and a dialed value that is not a number
    public void Caller_on_the_global_blocklist_is_rejected_before_anything_else(string caller, string dialed)
    {
        var table = new TableBuilder
        {
            GlobalBlocklist = [Caller],
            GlobalAgent = GlobalAgent,
            AcmeAgent = AcmeAgent,
            AcmeCampaign = Campaigns.Spring(),
            AcmeNumberAgent = NumberAgent,
        }.Build();

        var decision = Router.Decide(Calls.From(caller, dialed), table, Now);

        var reject = Assert.IsType<RoutingDecision.Reject>(decision);
        Assert.Equal(RoutingReason.CallerBlocked, reject.Reason);
        Assert.Equal("global_blocklist:match", reject.Steps());
        Assert.Null(reject.Route);
        Assert.Null(reject.Campaign);
    }

    // ── b. Tenant blocklist: only that tenant's numbers ────────────────────────────────────────────────

    [Theory]
    [InlineData(Caller, AcmeNumber, null, RoutingReason.CallerBlocked)]
    [InlineData("sip:+12025550143@carrier.test", AcmeNumber, null, RoutingReason.CallerBlocked)]
    [InlineData(Caller, GlobexNumber, GlobexAgent, RoutingReason.TenantDefaultAgent)]        // another tenant's number
    [InlineData(Caller, UnknownNumber, GlobalAgent, RoutingReason.UnknownNumberDefaultAgent)] // no tenant at all
    [InlineData(Caller, "sip:support@example.com", GlobalAgent, RoutingReason.UnknownNumberDefaultAgent)]
    [InlineData(OtherCaller, AcmeNumber, NumberAgent, RoutingReason.NumberAgent)]               // someone not on the list
    [InlineData(OtherCaller, GlobexNumber, null, RoutingReason.CallerBlocked)]             // on Globex's list only
    public void Tenant_blocklist_applies_only_to_that_tenants_numbers(string caller, string dialed, string? expectedAgent, RoutingReason expectedReason)
    {
        var table = new TableBuilder
        {
            GlobalAgent = GlobalAgent,
            AcmeBlocklist = [Caller],
            AcmeNumberAgent = NumberAgent,
            AcmeCampaign = Campaigns.Spring(),
            GlobexBlocklist = [OtherCaller],
        }.Build();

        var decision = Router.Decide(Calls.From(caller, dialed), table, Now);

        Assert.Equal((expectedReason, expectedAgent), (decision.Reason, decision.Agent()));
    }

    [Fact]
    public void Tenant_blocked_call_keeps_its_route_and_stops_before_the_campaign()
    {
        var table = new TableBuilder { AcmeBlocklist = [Caller], AcmeAgent = AcmeAgent, AcmeCampaign = Campaigns.Spring(), GlobalAgent = GlobalAgent }.Build();

        var decision = Router.Decide(Calls.From(Caller, AcmeNumber), table, Now);

        var reject = Assert.IsType<RoutingDecision.Reject>(decision);
        Assert.Equal(RoutingReason.CallerBlocked, reject.Reason);
        Assert.Equal("acme", reject.Tenant?.Id);
        Assert.Equal(AcmeNumber, reject.Route?.Number.Value);
        Assert.Null(reject.Campaign);
        Assert.Equal("global_blocklist:pass > number_lookup:found > tenant_blocklist:match", reject.Steps());
    }

    // ── Anonymous callers: routed normally, never blocked ──────────────────────────────────────────────

    [Theory]
    [InlineData("anonymous")]
    [InlineData("Anonymous")]
    [InlineData("restricted")]
    [InlineData("unavailable")]
    [InlineData("alice")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("sip:alice@example.com")]
    [InlineData("sip:anonymous@anonymous.invalid")]
    [InlineData("12")]                        // too short to be a number
    [InlineData("+1 202 555 0143 ext. 7")]   // a number with an extension is not a caller id we can match
    public void Anonymous_caller_is_routed_normally_and_never_blocked(string? caller)
    {
        var table = new TableBuilder
        {
            GlobalBlocklist = [Caller, OtherCaller],
            AcmeBlocklist = [Caller, OtherCaller],
            AcmeAgent = AcmeAgent,
            GlobalAgent = GlobalAgent,
        }.Build();

        var decision = Router.Decide(Calls.From(caller, AcmeNumber), table, Now);

        var accept = Assert.IsType<RoutingDecision.Accept>(decision);
        Assert.Equal((RoutingReason.TenantDefaultAgent, AcmeAgent), (accept.Reason, accept.AgentName));
        Assert.Equal("caller:anonymous > number_lookup:found > tenant_blocklist:skipped > campaign:none > agent:tenant_default", accept.Steps());
    }

    [Theory]
    [InlineData("anonymous", AcmeNumber, GlobalAgent, CampaignAgent, RoutingReason.CampaignAgent)]
    [InlineData("anonymous", UnknownNumber, GlobalAgent, GlobalAgent, RoutingReason.UnknownNumberDefaultAgent)]
    [InlineData("anonymous", UnknownNumber, null, null, RoutingReason.NumberNotConfigured)]
    [InlineData("", "alice", GlobalAgent, GlobalAgent, RoutingReason.UnknownNumberDefaultAgent)]
    [InlineData("restricted", AcmeNumber, null, CampaignAgent, RoutingReason.CampaignAgent)]
    public void Anonymous_caller_takes_every_path_a_known_caller_takes(string caller, string dialed, string? globalAgent, string? expectedAgent, RoutingReason expectedReason)
    {
        var table = new TableBuilder { GlobalAgent = globalAgent, AcmeCampaign = Campaigns.Spring() }.Build();

        var decision = Router.Decide(Calls.From(caller, dialed), table, Now);

        Assert.Equal((expectedReason, expectedAgent), (decision.Reason, decision.Agent()));
    }

    // ── e. Unknown dialed number, or not a number at all ───────────────────────────────────────────────

    [Theory]
    //          dialed                        global       → agent        reason                                   lookup outcome
    [InlineData(UnknownNumber, GlobalAgent, GlobalAgent, RoutingReason.UnknownNumberDefaultAgent, "not_found")]
    [InlineData(UnknownNumber, null, null, RoutingReason.NumberNotConfigured, "not_found")]
    [InlineData("+44 20 7946 0018", GlobalAgent, GlobalAgent, RoutingReason.UnknownNumberDefaultAgent, "not_found")]
    [InlineData("sip:+18005550199@sip.test", null, null, RoutingReason.NumberNotConfigured, "not_found")]
    [InlineData("alice", GlobalAgent, GlobalAgent, RoutingReason.UnknownNumberDefaultAgent, "not_a_number")]
    [InlineData("alice", null, null, RoutingReason.NumberNotConfigured, "not_a_number")]
    [InlineData("sip:support@example.com", GlobalAgent, GlobalAgent, RoutingReason.UnknownNumberDefaultAgent, "not_a_number")]
    [InlineData("", GlobalAgent, GlobalAgent, RoutingReason.UnknownNumberDefaultAgent, "not_a_number")]
    [InlineData("", null, null, RoutingReason.NumberNotConfigured, "not_a_number")]
    [InlineData("12", null, null, RoutingReason.NumberNotConfigured, "not_a_number")]
    [InlineData("+1 800 555 0100 ext. 2", GlobalAgent, GlobalAgent, RoutingReason.UnknownNumberDefaultAgent, "not_a_number")] // acme's number, but with an extension
    public void Unknown_dialed_value_goes_to_the_global_default_or_is_rejected(
        string dialed, string? globalAgent, string? expectedAgent, RoutingReason expectedReason, string lookupOutcome)
    {
        var table = new TableBuilder { GlobalAgent = globalAgent, AcmeAgent = AcmeAgent, AcmeNumberAgent = NumberAgent, AcmeCampaign = Campaigns.Spring() }.Build();

        var decision = Router.Decide(Calls.From(Caller, dialed), table, Now);

        Assert.Equal((expectedReason, expectedAgent), (decision.Reason, decision.Agent()));
        Assert.Equal($"global_blocklist:pass > number_lookup:{lookupOutcome} > agent:{(expectedAgent is null ? "none" : "global_default")}", decision.Steps());
        Assert.Null(decision.Route);
        Assert.Null(decision.Tenant);
        Assert.Null(decision.Campaign);
    }

    [Theory]
    [InlineData("+18005550100")]
    [InlineData("18005550100")]
    [InlineData("8005550100")]
    [InlineData("(800) 555-0100")]
    [InlineData("sip:+18005550100@sip.livekit.cloud")]
    [InlineData("sips:18005550100@sip.livekit.cloud;transport=tls")]
    [InlineData("tel:+1-800-555-0100")]
    public void Dialed_number_in_any_format_finds_its_tenant(string dialed)
    {
        var table = new TableBuilder { AcmeAgent = AcmeAgent }.Build();

        var decision = Router.Decide(Calls.From(Caller, dialed), table, Now);

        Assert.Equal(("acme", AcmeAgent), (decision.Tenant?.Id, decision.Agent()));
    }

    // ── Trace: ordered, and ends with the step that decided ───────────────────────────────────────────

    [Theory]
    [InlineData("number_override", "global_blocklist:pass > number_lookup:found > tenant_blocklist:pass > campaign:active > agent:number_override")]
    [InlineData("campaign", "global_blocklist:pass > number_lookup:found > tenant_blocklist:pass > campaign:active > agent:campaign")]
    [InlineData("inactive_to_tenant", "global_blocklist:pass > number_lookup:found > tenant_blocklist:pass > campaign:inactive > agent:tenant_default")]
    [InlineData("inactive_to_global", "global_blocklist:pass > number_lookup:found > tenant_blocklist:pass > campaign:inactive > agent:global_default")]
    [InlineData("no_agent", "global_blocklist:pass > number_lookup:found > tenant_blocklist:pass > campaign:none > agent:none")]
    [InlineData("global_blocked", "global_blocklist:match")]
    [InlineData("tenant_blocked", "global_blocklist:pass > number_lookup:found > tenant_blocklist:match")]
    [InlineData("anonymous_to_campaign", "caller:anonymous > number_lookup:found > tenant_blocklist:skipped > campaign:active > agent:campaign")]
    [InlineData("unknown_to_global", "global_blocklist:pass > number_lookup:not_found > agent:global_default")]
    [InlineData("not_a_number_rejected", "global_blocklist:pass > number_lookup:not_a_number > agent:none")]
    public void Trace_lists_the_steps_in_order_ending_with_the_one_that_decided(string scenario, string expectedSteps)
    {
        var (table, call) = Scenario(scenario);

        var decision = Router.Decide(call, table, Now);

        Assert.Equal(expectedSteps, decision.Steps());
        Assert.All(decision.Trace, s => Assert.False(string.IsNullOrWhiteSpace(s.Detail)));
    }

    [Theory]
    [InlineData("number_override")]
    [InlineData("inactive_to_tenant")]
    [InlineData("global_blocked")]
    [InlineData("tenant_blocked")]
    [InlineData("unknown_to_global")]
    public void Trace_shows_phone_numbers_only_redacted(string scenario)
    {
        var (table, call) = Scenario(scenario);

        var decision = Router.Decide(call, table, Now);

        Assert.All(decision.Trace, s =>
        {
            Assert.DoesNotContain(call.Caller.Number!.Value[1..], s.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(call.Called!.Value[1..], s.Detail, StringComparison.Ordinal);
        });
    }

    private static (RoutingTable Table, InboundCall Call) Scenario(string name) => name switch
    {
        "number_override" => (new TableBuilder { AcmeNumberAgent = NumberAgent, AcmeCampaign = Campaigns.Spring(), AcmeAgent = AcmeAgent }.Build(), Calls.From(Caller, AcmeNumber)),
        "campaign" => (new TableBuilder { AcmeCampaign = Campaigns.Spring(), AcmeAgent = AcmeAgent }.Build(), Calls.From(Caller, AcmeNumber)),
        "inactive_to_tenant" => (new TableBuilder { AcmeCampaign = Campaigns.Inactive("ended"), AcmeAgent = AcmeAgent }.Build(), Calls.From(Caller, AcmeNumber)),
        "inactive_to_global" => (new TableBuilder { AcmeCampaign = Campaigns.Inactive("switched_off"), GlobalAgent = GlobalAgent }.Build(), Calls.From(Caller, AcmeNumber)),
        "no_agent" => (new TableBuilder().Build(), Calls.From(Caller, AcmeNumber)),
        "global_blocked" => (new TableBuilder { GlobalBlocklist = [Caller], AcmeAgent = AcmeAgent }.Build(), Calls.From(Caller, AcmeNumber)),
        "tenant_blocked" => (new TableBuilder { AcmeBlocklist = [Caller], AcmeAgent = AcmeAgent }.Build(), Calls.From(Caller, AcmeNumber)),
        "anonymous_to_campaign" => (new TableBuilder { GlobalBlocklist = [Caller], AcmeBlocklist = [Caller], AcmeCampaign = Campaigns.Spring() }.Build(), Calls.From("anonymous", AcmeNumber)),
        "unknown_to_global" => (new TableBuilder { GlobalAgent = GlobalAgent }.Build(), Calls.From(Caller, UnknownNumber)),
        "not_a_number_rejected" => (new TableBuilder().Build(), Calls.From(Caller, "sip:support@example.com")),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scenario"),
    };

    // ── The compiled configuration routes by the same rules ────────────────────────────────────────────

    [Theory]
    [InlineData(AcmeNumber, Caller, CampaignAgent, RoutingReason.CampaignAgent)]
    [InlineData(GlobexNumber, Caller, NumberAgent, RoutingReason.NumberAgent)]
    [InlineData(GlobexNumber, OtherCaller, null, RoutingReason.CallerBlocked)]
    [InlineData(AcmeNumber, OtherCaller, CampaignAgent, RoutingReason.CampaignAgent)]
    [InlineData(UnknownNumber, Caller, GlobalAgent, RoutingReason.UnknownNumberDefaultAgent)]
    [InlineData(AcmeNumber, "+12025550177", null, RoutingReason.CallerBlocked)]
    public void Table_compiled_from_configuration_routes_by_the_same_rules(string dialed, string caller, string? expectedAgent, RoutingReason expectedReason)
    {
        var config = new SwitchboardConfig(
            GlobalAgent,
            "US",
            [PhoneNumber.Parse("+12025550177")],
            [
                new TenantConfig("acme", "Acme", AcmeAgent, "America/New_York", [],
                    [new CampaignConfig("spring", "Spring sale", CampaignAgent, true, Time.At(Campaigns.DefaultStart), Time.At(Campaigns.DefaultEnd), null)],
                    [new NumberConfig(PhoneNumber.Parse(AcmeNumber), "spring", null)]),
                new TenantConfig("globex", "Globex", GlobexAgent, "Europe/London", [PhoneNumber.Parse(OtherCaller)], [],
                    [new NumberConfig(PhoneNumber.Parse(GlobexNumber), null, NumberAgent)]),
            ]);

        var decision = Router.Decide(Calls.From(caller, dialed), config.ToRoutingTable(7), Now);

        Assert.Equal((expectedReason, expectedAgent), (decision.Reason, decision.Agent()));
    }
}
