using Switchboard.Core.DispatchRules;

namespace Switchboard.Core.Routing;

/// <summary>
/// Decides who answers a call. Pure: a function of the call, the routing table and the time, with no I/O,
/// so every branch is a table-driven test and <c>explain</c> shows exactly what the webhook would do.
/// </summary>
public static class Router
{
    public static RoutingDecision Decide(InboundCall call, RoutingTable table, DateTimeOffset now)
    {
        var trace = new List<TraceStep>(6);

        if (call.Caller.IsAnonymous)
        {
            trace.Add(new("caller", "anonymous", $"caller id '{Shorten(call.Caller.Raw)}' is not a phone number: routed as an anonymous caller, no lead"));
        }
        else if (table.IsBlocked(call.Caller.Number))
        {
            trace.Add(new("global_blocklist", "match", $"caller {call.Caller.Redacted} is on the global blocklist"));
            return new RoutingDecision.Reject(RoutingReason.CallerBlocked, null, null, trace);
        }
        else
        {
            trace.Add(new("global_blocklist", "pass", "caller is not on the global blocklist"));
        }

        var route = table.Find(call.Called);
        if (route is null)
        {
            return UnknownNumber(call, table, trace);
        }

        trace.Add(new("number_lookup", "found", $"dialed number {route.Number.Redacted} belongs to tenant '{route.Tenant.Id}'"));

        if (route.Tenant.IsBlocked(call.Caller.Number))
        {
            trace.Add(new("tenant_blocklist", "match", $"caller {call.Caller.Redacted} is on tenant '{route.Tenant.Id}' blocklist"));
            return new RoutingDecision.Reject(RoutingReason.CallerBlocked, route, null, trace);
        }

        trace.Add(new("tenant_blocklist", call.Caller.IsAnonymous ? "skipped" : "pass",
            call.Caller.IsAnonymous ? "anonymous caller: no blocklist to check" : $"caller is not on tenant '{route.Tenant.Id}' blocklist"));

        var campaign = ActiveCampaign(route, now, trace);
        return ChooseAgent(route, campaign, table, trace);
    }

    private static RoutingDecision UnknownNumber(InboundCall call, RoutingTable table, List<TraceStep> trace)
    {
        trace.Add(call.Called is null
            ? new("number_lookup", "not_a_number", $"dialed value '{Shorten(call.RawCalled)}' is not a phone number")
            : new("number_lookup", "not_found", $"dialed number {call.Called.Redacted} is not configured"));

        // LiveKit's own trunks and rules come between the lookup and the global default, as LiveKit would apply them.
        if (table.DispatchRules is { } rules && StaticDispatch(call, rules, trace) is { } ruleAgent)
        {
            return new RoutingDecision.Accept(ruleAgent, RoutingReason.StaticDispatchRule, null, null, trace);
        }

        if (table.DefaultAgent is { } agent)
        {
            trace.Add(new("agent", "global_default", $"global default agent '{agent}' answers the unknown number"));
            return new RoutingDecision.Accept(agent, RoutingReason.UnknownNumberDefaultAgent, null, null, trace);
        }

        trace.Add(new("agent", "none", "no global default agent: the call is rejected"));
        return new RoutingDecision.Reject(RoutingReason.NumberNotConfigured, null, null, trace);
    }

    /// <summary>
    /// Evaluates LiveKit's trunks and rules as LiveKit would for this call, tracing the trunk, the rule and the result; the
    /// agent is the rule's first <c>room_config.agents</c> entry, or null to fall through. Rooms are traced as templates
    /// (<c>call_&lt;caller&gt;_&lt;random&gt;</c>), so no number and no made-up suffix appears in the trace.
    /// </summary>
    private static string? StaticDispatch(InboundCall call, DispatchRuleMatcher rules, List<TraceStep> trace)
    {
        var request = new DispatchRequest
        {
            Calling = call.Caller.Raw,
            CallingHost = call.FromHost ?? "",
            Called = call.RawCalled,
            SourceIp = call.SourceIp ?? "",
            CallId = call.CallId,
        };
        var result = rules.Evaluate(request, static () => "");
        trace.Add(result.TrunkMatch switch
        {
            TrunkMatch.Specific => new("livekit_trunk", "matched", $"LiveKit inbound trunk '{result.TrunkId}' lists the dialed number"),
            TrunkMatch.Default => new("livekit_trunk", "default", $"LiveKit inbound trunk '{result.TrunkId}' (no numbers: a default trunk) accepts the call"),
            TrunkMatch.Conflict => new("livekit_trunk", "error", result.Error!.StartsWith("Multiple default", StringComparison.Ordinal)
                ? "more than one default LiveKit trunk (no numbers) accepts the call: LiveKit fails (\"Multiple default SIP Trunks matched\") and answers 503; falling through"
                : "more than one LiveKit inbound trunk lists the dialed number: LiveKit fails (\"Multiple SIP Trunks matched\") and answers 503; falling through"),
            _ => new("livekit_trunk", "none", "no LiveKit inbound trunk accepts the call: only dispatch rules without trunk_ids can match (LiveKit Cloud answers 404 No trunk found)"),
        });
        if (result.TrunkMatch == TrunkMatch.Conflict)
        {
            return null;
        }

        var rule = result.Rule is { } r ? $"LiveKit dispatch rule '{r.Id}'{(r.Name.Length > 0 ? $" (\"{r.Name}\")" : "")}" : null;
        var agent = result.Agents.Count > 0 && result.Agents[0].AgentName.Length > 0 ? result.Agents[0].AgentName : null;
        trace.Add(result.Outcome switch
        {
            DispatchOutcome.Accept when agent is not null => new("livekit_rule", "accept", $"{rule} accepts the call into room '{result.Rule!.RoomTemplate}' with agent '{agent}'"),
            DispatchOutcome.Accept => new("livekit_rule", "accept_without_agent", $"{rule} accepts the call into room '{result.Rule!.RoomTemplate}', but room_config.agents names no agent; falling through"),
            DispatchOutcome.RequestPin => new("livekit_rule", "request_pin", $"{rule} asks the caller for a PIN, which a routing decision cannot do; falling through"),
            DispatchOutcome.Drop => new("livekit_rule", "drop", "no LiveKit dispatch rule matches the call: LiveKit drops it (logged as 486 flood); falling through"),
            _ => new("livekit_rule", "error", $"LiveKit fails (\"{result.Error}\") and answers 503; falling through"),
        });
        if (result.Outcome != DispatchOutcome.Accept || agent is null)
        {
            return null;
        }

        trace.Add(new("agent", "static_dispatch_rule", $"{rule} names agent '{agent}' first in room_config.agents: it answers the unknown number"));
        return agent;
    }

    private static CampaignRoute? ActiveCampaign(NumberRoute route, DateTimeOffset now, List<TraceStep> trace)
    {
        if (route.Campaign is not { } campaign)
        {
            trace.Add(new("campaign", "none", "the number has no campaign"));
            return null;
        }

        if (campaign.InactiveReason(now) is { } why)
        {
            trace.Add(new("campaign", "inactive", $"campaign '{campaign.Id}' is not active: {why}; falling through to the tenant"));
            return null;
        }

        trace.Add(new("campaign", "active", $"campaign '{campaign.Id}' is active"));
        return campaign;
    }

    private static RoutingDecision ChooseAgent(NumberRoute route, CampaignRoute? campaign, RoutingTable table, List<TraceStep> trace)
    {
        var (agent, reason, step) = (route.Agent, campaign?.Agent, route.Tenant.DefaultAgent, table.DefaultAgent) switch
        {
            ({ } number, _, _, _) => (number, RoutingReason.NumberAgent, new TraceStep("agent", "number_override", $"the number's own agent '{number}' answers")),
            (_, { } byCampaign, _, _) => (byCampaign, RoutingReason.CampaignAgent, new TraceStep("agent", "campaign", $"campaign '{campaign!.Id}' agent '{byCampaign}' answers")),
            (_, _, { } byTenant, _) => (byTenant, RoutingReason.TenantDefaultAgent, new TraceStep("agent", "tenant_default", $"tenant '{route.Tenant.Id}' default agent '{byTenant}' answers")),
            (_, _, _, { } global) => (global, RoutingReason.GlobalDefaultAgent, new TraceStep("agent", "global_default", $"no number, campaign or tenant agent: global default agent '{global}' answers")),
            _ => ((string?)null, RoutingReason.NoAgentConfigured, new TraceStep("agent", "none", "no agent on the number, campaign, tenant or globally: the call is rejected")),
        };
        trace.Add(step);
        return agent is null
            ? new RoutingDecision.Reject(reason, route, campaign, trace)
            : new RoutingDecision.Accept(agent, reason, route, campaign, trace);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
