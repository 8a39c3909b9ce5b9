using System.Collections.Frozen;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Core.Configuration;
using Switchboard.Core.DispatchRules;
using Switchboard.Core.Routing;

namespace Switchboard.Core.LiveKitSync;

/// <summary>
/// The trunk and dispatch rules Switchboard wants in LiveKit for a configuration, a mode and an instant: a pure function,
/// compared with what LiveKit holds by <see cref="LiveKitSyncPlanner"/>.
/// <list type="bullet">
/// <item>One inbound trunk, <see cref="ManagedObjects.TrunkName"/>, listing every configured dialed number (E.164 with
/// <c>+</c>, as Twilio sends the To user), admitted by <see cref="ManagedTrunkSettings"/>.</item>
/// <item>Events and webhook modes: one catch-all individual rule on that trunk without agents (livekit.md §1.10), so
/// Switchboard dispatches on the caller's join.</item>
/// <item>Failover (the guard, while Switchboard is down): the catch-all and the static rules together.</item>
/// <item>Static mode: one individual rule per dialed number (<c>numbers</c> = that number, exactly) whose
/// <c>room_config.agents</c> names the agent <see cref="Router.Decide"/> picks at <c>now</c>; a number the router rejects
/// gets no rule, so LiveKit drops its calls.</item>
/// </list>
/// Static mode has no catch-all, unlike events mode: the trunk lists only configured numbers, so a catch-all there could only
/// catch numbers the router rejects (which it would then answer) or a To user written differently from the configured number
/// (which it would give the default agent instead of the number's own). A number whose chain ends at the global default
/// agent gets that agent in its own rule. With no configured number there is nothing to connect: no trunk and no rule.
/// </summary>
public static class LiveKitDesiredState
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly IReadOnlyDictionary<string, string> Marker =
        new Dictionary<string, string> { [ManagedObjects.MarkerAttribute] = ManagedObjects.MarkerValue }.ToFrozenDictionary(StringComparer.Ordinal);

    public static LiveKitRules Compute(SwitchboardConfig config, LiveKitSyncMode mode, ManagedTrunkSettings trunkSettings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(trunkSettings);
        var numbers = config.Tenants.SelectMany(t => t.Numbers).Select(n => n.Number).DistinctBy(n => n.Value).OrderBy(n => n.Value, StringComparer.Ordinal).ToList();
        if (numbers.Count == 0)
        {
            return LiveKitRules.Empty;
        }

        var trunk = new InboundTrunk
        {
            Id = ManagedObjects.PendingTrunkId,
            Name = ManagedObjects.TrunkName,
            Metadata = ManagedObjects.TrunkMetadata,
            Numbers = [.. numbers.Select(n => n.Value)],
            AllowedAddresses = [.. trunkSettings.AllowedAddresses],
            AuthUsername = trunkSettings.AuthUsername,
            AuthPassword = trunkSettings.AuthPassword,
        };
        var rules = mode switch
        {
            LiveKitSyncMode.Static => StaticRules(config, numbers, now),
            LiveKitSyncMode.Failover => [CatchAll(), .. StaticRules(config, numbers, now)],
            _ => [CatchAll()],
        };
        return new LiveKitRules([trunk], rules);
    }

    private static DispatchRule CatchAll() => Rule(ManagedObjects.CatchAllRuleName, [], Marker, agents: null);

    private static List<DispatchRule> StaticRules(SwitchboardConfig config, List<PhoneNumber> numbers, DateTimeOffset now)
    {
        var table = config.ToRoutingTable(0);
        var rules = new List<DispatchRule>(numbers.Count);
        foreach (var number in numbers)
        {
            // No caller: a static rule cannot depend on who calls, so the caller's blocklists cannot apply (docs/livekit.md).
            var call = new InboundCall("", new CallerId("", null), number, number.Value);
            if (Router.Decide(call, table, now) is not RoutingDecision.Accept accept)
            {
                continue;
            }

            var attributes = new Dictionary<string, string>(Marker, StringComparer.Ordinal);
            if (accept.Tenant is { } tenant)
            {
                attributes[ManagedObjects.TenantAttribute] = tenant.Id;
            }

            if (accept.Campaign is { } campaign)
            {
                attributes[ManagedObjects.CampaignAttribute] = campaign.Id;
            }

            var agent = new RoomAgentDispatch { AgentName = accept.AgentName, Metadata = AgentMetadata(accept) };
            rules.Add(Rule(ManagedObjects.RuleName(number), [number.Value], attributes.ToFrozenDictionary(StringComparer.Ordinal), [agent]));
        }

        return rules;
    }

    private static DispatchRule Rule(string name, IReadOnlyList<string> numbers, IReadOnlyDictionary<string, string> attributes, IReadOnlyList<RoomAgentDispatch>? agents) => new()
    {
        Id = "",
        Name = name,
        Kind = DispatchRuleKind.Individual,
        Room = ManagedObjects.RoomPrefix,
        TrunkIds = [ManagedObjects.PendingTrunkId],
        Numbers = numbers,
        Attributes = attributes,
        RoomConfig = agents is null ? null : new RoomConfiguration { Agents = agents },
    };

    /// <summary>
    /// The agent's job metadata: <c>{"tenant":{id,name},"campaign":{id,name,metadata}|null,"reason"}</c>, the routing answer's
    /// <c>metadata</c> without what only a call has (call id, lead). Nothing in it changes unless the choice does, so a rule is
    /// rewritten only when routing changes.
    /// </summary>
    private static string AgentMetadata(RoutingDecision.Accept accept)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Compact))
        {
            json.WriteStartObject();
            if (accept.Tenant is { } tenant)
            {
                json.WriteStartObject("tenant");
                json.WriteString("id", tenant.Id);
                json.WriteString("name", tenant.Name);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("tenant");
            }

            if (accept.Campaign is { } campaign)
            {
                json.WriteStartObject("campaign");
                json.WriteString("id", campaign.Id);
                json.WriteString("name", campaign.Name);
                json.WritePropertyName("metadata");
                if (campaign.Metadata is { ValueKind: JsonValueKind.Object } metadata)
                {
                    metadata.WriteTo(json);
                }
                else
                {
                    json.WriteStartObject();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("campaign");
            }

            json.WriteString("reason", accept.Reason.Code());
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
