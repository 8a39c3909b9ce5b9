using Switchboard.Core.Configuration;
using Switchboard.Core.DispatchRules;
using Switchboard.Core.Routing;
using Switchboard.Core.Tests.Support;
using Xunit;

namespace Switchboard.Core.Tests.Routing;

/// <summary>
/// The router's static step: a dialed number no tenant owns goes through LiveKit's trunks and dispatch rules as LiveKit would
/// apply them; an accepting rule's first agent answers, anything else falls through to the global default.
/// </summary>
public sealed class StaticDispatchTests
{
    private const string Caller = "+14155550123";
    private const string Dialed = "+15550001111";
    private const string Global = "front-desk";

    private static readonly InboundTrunk Sales = new() { Id = "ST_sales", Numbers = [Dialed] };
    private static readonly DispatchRule SalesRule = Rule("SDR_sales", "sales-agent") with { Name = "sales line", TrunkIds = ["ST_sales"] };

    [Fact]
    public void An_accepting_rule_with_an_agent_answers_the_unknown_number()
    {
        var table = Table(Global, [Sales], SalesRule);

        var decision = Router.Decide(Calls.From(Caller, Dialed), table, Known.Now);

        var accept = Assert.IsType<RoutingDecision.Accept>(decision);
        Assert.Equal(("sales-agent", RoutingReason.StaticDispatchRule, "static_dispatch_rule"), (accept.AgentName, accept.Reason, accept.Reason.Code()));
        Assert.Null(decision.Route);
        Assert.Null(decision.Tenant);
        Assert.Equal("global_blocklist:pass > number_lookup:not_found > livekit_trunk:matched > livekit_rule:accept > agent:static_dispatch_rule", decision.Steps());
    }

    [Fact]
    public void The_trace_says_which_trunk_rule_room_and_agent_without_the_caller_number()
    {
        var table = Table(Global, [Sales], SalesRule);

        var decision = Router.Decide(Calls.From(Caller, Dialed), table, Known.Now);

        Assert.Equal(
        [
            "LiveKit inbound trunk 'ST_sales' lists the dialed number",
            "LiveKit dispatch rule 'SDR_sales' (\"sales line\") accepts the call into room 'call_<caller>_<random>' with agent 'sales-agent'",
            "LiveKit dispatch rule 'SDR_sales' (\"sales line\") names agent 'sales-agent' first in room_config.agents: it answers the unknown number",
        ], decision.Trace.Skip(2).Select(s => s.Detail));
        Assert.DoesNotContain(decision.Trace, s => s.Detail.Contains("4155550123", StringComparison.Ordinal));
    }

    [Fact]
    public void The_first_agent_of_several_answers()
    {
        var table = Table(null, [Sales], Rule("SDR_sales", "first", "second"));

        var decision = Router.Decide(Calls.From(Caller, Dialed), table, Known.Now);

        Assert.Equal("first", decision.Agent());
    }

    [Theory]
    [InlineData("+1 415 555 0123", true)]     // the rule's caller filter sees the raw From user...
    [InlineData(Caller, false)]               // ...not the number Switchboard parsed from it
    public void Rules_see_the_caller_as_received(string caller, bool matches)
    {
        var table = Table(Global, [Sales], Rule("SDR_vip", "vip-agent") with { InboundNumbers = ["+1 415 555 0123"] });

        var decision = Router.Decide(Calls.From(caller, Dialed), table, Known.Now);

        Assert.Equal(matches ? "vip-agent" : Global, decision.Agent());
    }

    [Theory]
    [InlineData("15550001111", true)]
    [InlineData(Dialed, false)]
    public void Rules_see_the_dialed_value_as_received(string dialed, bool matches)
    {
        var table = Table(Global, [Sales], Rule("SDR_exact", "exact-agent") with { Numbers = ["15550001111"] });

        var decision = Router.Decide(Calls.From(Caller, dialed), table, Known.Now);

        Assert.Equal(matches ? "exact-agent" : Global, decision.Agent());
    }

    [Fact]
    public void A_dialed_value_that_is_not_a_number_still_goes_through_the_rules()
    {
        var table = Table(Global, [new InboundTrunk { Id = "ST_ext", Numbers = ["sales"] }], Rule("SDR_ext", "ext-agent") with { TrunkIds = ["ST_ext"] });

        var decision = Router.Decide(Calls.From(Caller, "sales"), table, Known.Now);

        Assert.Equal("ext-agent", decision.Agent());
        Assert.StartsWith("global_blocklist:pass > number_lookup:not_a_number > livekit_trunk:matched", decision.Steps(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("54.172.60.2", "sales-agent")]
    [InlineData("203.0.113.9", Global)]        // outside allowed_addresses: no trunk, and the rule is bound to it
    [InlineData(null, "sales-agent")]          // unknown source: the address check passes, as in LiveKit
    public void The_source_ip_of_the_call_is_checked_against_allowed_addresses(string? sourceIp, string agent)
    {
        var table = Table(Global, [Sales with { AllowedAddresses = ["54.172.60.0/30"] }], SalesRule);

        var decision = Router.Decide(Calls.From(Caller, Dialed) with { SourceIp = sourceIp }, table, Known.Now);

        Assert.Equal(agent, decision.Agent());
    }

    [Fact]
    public void The_from_host_of_the_call_can_satisfy_a_host_name_entry()
    {
        var table = Table(Global, [Sales with { AllowedAddresses = ["pbx.example.net"] }], SalesRule);

        var decision = Router.Decide(Calls.From(Caller, Dialed) with { SourceIp = "198.51.100.7", FromHost = "pbx.example.net" }, table, Known.Now);

        Assert.Equal("sales-agent", decision.Agent());
    }

    [Theory]
    [MemberData(nameof(FallThroughs))]
    public void Anything_but_an_accept_with_an_agent_falls_through_to_the_global_default(string why, LiveKitRules rules, string steps)
    {
        var table = Table(Global, rules);

        var decision = Router.Decide(Calls.From(Caller, Dialed), table, Known.Now);

        Assert.Equal((Global, RoutingReason.UnknownNumberDefaultAgent), (decision.Agent(), decision.Reason));
        Assert.True(steps + " > agent:global_default" == decision.Steps(), $"{why}: {decision.Steps()}");
    }

    [Theory]
    [MemberData(nameof(FallThroughs))]
    public void Without_a_global_default_a_fall_through_is_number_not_configured(string why, LiveKitRules rules, string steps)
    {
        var table = Table(null, rules);

        var decision = Router.Decide(Calls.From(Caller, Dialed), table, Known.Now);

        Assert.IsType<RoutingDecision.Reject>(decision);
        Assert.Equal(RoutingReason.NumberNotConfigured, decision.Reason);
        Assert.True(steps + " > agent:none" == decision.Steps(), $"{why}: {decision.Steps()}");
    }

    public static TheoryData<string, LiveKitRules, string> FallThroughs { get; } = new()
    {
        { "trunks but no rules", new([Sales], []), "global_blocklist:pass > number_lookup:not_found > livekit_trunk:matched > livekit_rule:drop" },
        { "no rule matches", new([Sales], [SalesRule with { Numbers = ["+15550002222"] }]), "global_blocklist:pass > number_lookup:not_found > livekit_trunk:matched > livekit_rule:drop" },
        { "no trunk, bound rule", new([Sales with { Numbers = ["+15550002222"] }], [SalesRule]), "global_blocklist:pass > number_lookup:not_found > livekit_trunk:none > livekit_rule:drop" },
        { "the rule asks for a PIN", new([Sales], [SalesRule with { Pin = "4321" }]), "global_blocklist:pass > number_lookup:not_found > livekit_trunk:matched > livekit_rule:request_pin" },
        { "the rule has no agents", new([Sales], [SalesRule with { RoomConfig = null }]), "global_blocklist:pass > number_lookup:not_found > livekit_trunk:matched > livekit_rule:accept_without_agent" },
        { "the first agent has no name", new([Sales], [Rule("SDR_sales", "", "named")]), "global_blocklist:pass > number_lookup:not_found > livekit_trunk:matched > livekit_rule:accept_without_agent" },
        { "two trunks list the number", new([Sales, Sales with { Id = "ST_other" }], [SalesRule]), "global_blocklist:pass > number_lookup:not_found > livekit_trunk:error" },
        { "two default trunks", new([new() { Id = "ST_d1" }, new() { Id = "ST_d2" }], [Rule("SDR_any", "agent")]), "global_blocklist:pass > number_lookup:not_found > livekit_trunk:error" },
        { "conflicting rules", new([Sales], [Rule("SDR_1", "a"), Rule("SDR_2", "b")]), "global_blocklist:pass > number_lookup:not_found > livekit_trunk:matched > livekit_rule:error" },
    };

    [Fact]
    public void A_rule_conflict_is_traced_with_livekits_message()
    {
        var table = Table(Global, [Sales], Rule("SDR_1", "a"), Rule("SDR_2", "b"));

        var decision = Router.Decide(Calls.From(Caller, Dialed), table, Known.Now);

        Assert.Equal(
            "LiveKit fails (\"Dispatch rule for the same trunk, inbound number, number, and PIN combination already exists in dispatch rule \"SDR_1\" \"\"\") and answers 503; falling through",
            decision.Trace.Single(s => s.Step == "livekit_rule").Detail);
    }

    [Fact]
    public void No_trunk_and_a_wildcard_rule_still_answers_as_open_source_livekit_does()
    {
        var table = Table(Global, [Sales with { Numbers = ["+15550002222"] }], Rule("SDR_any", "any-agent"));

        var decision = Router.Decide(Calls.From(Caller, Dialed), table, Known.Now);

        Assert.Equal("any-agent", decision.Agent());
        Assert.Contains("livekit_trunk:none", decision.Steps(), StringComparison.Ordinal);
        Assert.Contains("LiveKit Cloud answers 404", decision.Trace.Single(s => s.Step == "livekit_trunk").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_trunk_is_traced_as_default()
    {
        var table = Table(Global, [new InboundTrunk { Id = "ST_any", AllowedAddresses = ["0.0.0.0/0"] }], Rule("SDR_any", "any-agent"));

        var decision = Router.Decide(Calls.From(Caller, Dialed) with { SourceIp = "198.51.100.7" }, table, Known.Now);

        Assert.Contains("livekit_trunk:default", decision.Steps(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_globally_blocked_caller_is_rejected_before_the_rules()
    {
        var table = new RoutingTable(1, Global, "US", [PhoneNumber.Parse(Caller)], []) { DispatchRules = new DispatchRuleMatcher(new([Sales], [SalesRule])) };

        var decision = Router.Decide(Calls.From(Caller, Dialed), table, Known.Now);

        Assert.Equal((RoutingReason.CallerBlocked, "global_blocklist:match"), (decision.Reason, decision.Steps()));
    }

    [Fact]
    public void A_configured_number_never_reaches_the_rules()
    {
        var config = ConfigParser.Parse("""
            tenants: [{id: acme, name: Acme, default_agent: acme-bot, numbers: [{number: "+15550001111"}]}]
            livekit:
              trunks: [{sip_trunk_id: ST_sales, numbers: ["+15550001111"]}]
              dispatch_rules: [{sip_dispatch_rule_id: SDR_sales, rule: {dispatch_rule_individual: {room_prefix: call}}, room_config: {agents: [{agent_name: sales-agent}]}}]
            """).Config!;

        var decision = Router.Decide(Calls.From(Caller, Dialed), config.ToRoutingTable(1), Known.Now);

        Assert.Equal(("acme-bot", RoutingReason.TenantDefaultAgent), (decision.Agent(), decision.Reason));
        Assert.DoesNotContain("livekit", decision.Steps(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_file_with_a_livekit_section_routes_an_unknown_number_through_it()
    {
        var config = ConfigParser.Parse("""
            default_agent: front-desk
            livekit:
              trunks: [{sip_trunk_id: ST_sales, numbers: ["+15550001111"]}]
              dispatch_rules: [{sip_dispatch_rule_id: SDR_sales, trunk_ids: [ST_sales], rule: {dispatch_rule_individual: {room_prefix: call}}, room_config: {agents: [{agent_name: sales-agent}]}}]
            """).Config!;

        var decision = Router.Decide(Calls.From(Caller, Dialed), config.ToRoutingTable(1), Known.Now);

        Assert.Equal(("sales-agent", RoutingReason.StaticDispatchRule), (decision.Agent(), decision.Reason));
    }

    [Fact]
    public void Without_rules_an_unknown_number_is_traced_exactly_as_before()
    {
        var table = new RoutingTable(1, Global, "US", [], []);

        var decision = Router.Decide(Calls.From(Caller, Dialed), table, Known.Now);

        Assert.Equal(
        [
            new TraceStep("global_blocklist", "pass", "caller is not on the global blocklist"),
            new TraceStep("number_lookup", "not_found", "dialed number +15…1111 is not configured"),
            new TraceStep("agent", "global_default", "global default agent 'front-desk' answers the unknown number"),
        ], decision.Trace);
    }

    private static DispatchRule Rule(string id, params string[] agents) => new()
    {
        Id = id,
        Kind = DispatchRuleKind.Individual,
        Room = "call",
        RoomConfig = new RoomConfiguration { Agents = [.. agents.Select(a => new RoomAgentDispatch { AgentName = a })] },
    };

    private static RoutingTable Table(string? globalAgent, InboundTrunk[] trunks, params DispatchRule[] rules) => Table(globalAgent, new LiveKitRules(trunks, rules));

    private static RoutingTable Table(string? globalAgent, LiveKitRules rules) =>
        new(1, globalAgent, "US", [], []) { DispatchRules = new DispatchRuleMatcher(rules) };
}
