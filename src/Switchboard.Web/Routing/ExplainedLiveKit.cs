using Switchboard.Core.DispatchRules;
using Switchboard.Core.LiveKitSync;
using Switchboard.Core.Routing;
using Switchboard.Web.LiveKitSync;

namespace Switchboard.Web.Routing;

/// <summary>
/// What LiveKit does with a call given the trunk and rules Switchboard keeps there for <c>LiveKit:Mode</c> (what
/// <c>switchboard livekit sync</c> puts there, computed now), evaluated with LiveKit's own algorithm, and what Switchboard
/// does next. Assumes LiveKit is in sync (<c>livekit status</c> says so) and that no rule of the operator's takes the call first.
/// </summary>
/// <param name="Mode"><c>events</c>, <c>static</c> or <c>webhook</c>.</param>
/// <param name="Result">LiveKit's outcome: <c>ACCEPT</c>, <c>REQUEST_PIN</c>, <c>DROP</c> or <c>ERROR</c>.</param>
/// <param name="Rule">The name of the rule that takes the call.</param>
/// <param name="Room">The room the caller joins, its random suffix written <c>&lt;random&gt;</c>.</param>
/// <param name="Agents">The agents the rule makes LiveKit dispatch itself.</param>
/// <param name="Then">One sentence: what happens to the call.</param>
public sealed record ExplainedLiveKit(string Mode, string Result, string? Rule, string? Room, IReadOnlyList<string> Agents, string Then)
{
    /// <summary>The view for a call and its decision, or null for a table without its configuration.</summary>
    public static ExplainedLiveKit? For(InboundCall call, RoutingDecision decision, RoutingTable table, LiveKitMode mode, ManagedTrunkSettings trunk, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(table);
        if (table.Source is not { } config)
        {
            return null;
        }

        var modeName = mode.ToString().ToLowerInvariant();
        var desired = LiveKitSynchronizer.Desired(config, mode, trunk, now);
        if (desired.IsEmpty)
        {
            return new ExplainedLiveKit(modeName, DispatchOutcome.Drop.Code(), null, null, [],
                "Switchboard keeps no trunk and no rule in LiveKit (no number is configured): LiveKit takes the call only by rules of your own.");
        }

        var result = new DispatchRuleMatcher(desired).Evaluate(
            new DispatchRequest { Calling = call.Caller.Raw, CallingHost = call.FromHost ?? "", Called = call.RawCalled, SourceIp = call.SourceIp ?? "", CallId = call.CallId },
            static () => "<random>");
        var agents = result.Agents.Select(a => a.AgentName).ToList();
        return new ExplainedLiveKit(modeName, result.Outcome.Code(), result.Rule?.Name, result.RoomName, agents, Next(result, decision, agents));
    }

    private static string Next(DispatchResult result, RoutingDecision decision, List<string> agents) => (result.Outcome, result.TrunkMatch) switch
    {
        (DispatchOutcome.Accept, _) when agents.Count > 0 =>
            $"LiveKit puts the caller in room {result.RoomName} and dispatches {string.Join(", ", agents.Select(a => $"'{a}'"))} itself.",
        (DispatchOutcome.Accept, _) when decision is RoutingDecision.Accept accept =>
            $"LiveKit puts the caller in room {result.RoomName} without an agent; Switchboard dispatches '{accept.AgentName}' when the caller joins.",
        (DispatchOutcome.Accept, _) =>
            $"LiveKit puts the caller in room {result.RoomName} without an agent; Switchboard hangs up the caller when they join.",
        (_, TrunkMatch.None) =>
            "No trunk of Switchboard's lists the dialed number: LiveKit refuses the call (404 No trunk found) unless a trunk of your own takes it.",
        (DispatchOutcome.Drop, _) =>
            "No rule of Switchboard's matches (the router rejects this number, so static mode gives it no rule): LiveKit drops the call.",
        _ => $"LiveKit cannot take the call: {result.Error}",
    };
}
