using System.Text.Json.Serialization;
using Switchboard.Core.LiveKitSync;
using Switchboard.Core.Routing;

namespace Switchboard.Web.Routing;

/// <summary>What the router would do with a call, and the ordered steps of why. Shown by <c>POST /api/v1/routing/explain</c> and <c>switchboard route</c>.</summary>
public sealed record RoutingExplanation(
    string Action,
    string? AgentName,
    string? RejectReason,
    string Reason,
    long ConfigVersion,
    ExplainedCaller Caller,
    ExplainedNumber Dialed,
    ExplainedItem? Tenant,
    ExplainedItem? Campaign,
    bool KeepsLead,
    IReadOnlyList<TraceStep> Trace,
    [property: JsonPropertyName("livekit")] ExplainedLiveKit? LiveKit)
{
    /// <summary>The decision and its trace; with <paramref name="liveKit"/> (the mode and Switchboard's trunk settings), also what LiveKit's rules do with the call.</summary>
    public static RoutingExplanation Explain(RouteRequest request, RoutingTable table, DateTimeOffset now, (LiveKitMode Mode, ManagedTrunkSettings Trunk)? liveKit = null)
    {
        var call = CallRouting.ToInboundCall(request, table);
        var decision = Router.Decide(call, table, now);
        var accept = decision as RoutingDecision.Accept;
        return new RoutingExplanation(
            accept is null ? "reject" : "accept",
            accept?.AgentName,
            accept is null ? decision.Reason.Code() : null,
            decision.Reason.Code(),
            table.Version,
            new ExplainedCaller(call.Caller.Raw, call.Caller.Number?.Value, call.Caller.IsAnonymous),
            new ExplainedNumber(call.RawCalled, call.Called?.Value, table.Find(call.Called) is not null),
            decision.Tenant is { } t ? new ExplainedItem(t.Id, t.Name) : null,
            decision.Campaign is { } c ? new ExplainedItem(c.Id, c.Name) : null,
            !call.Caller.IsAnonymous && decision.Tenant is not null && decision.Reason != RoutingReason.CallerBlocked,
            decision.Trace,
            liveKit is var (mode, trunk) ? ExplainedLiveKit.For(call, decision, table, mode, trunk, now) : null);
    }
}

public sealed record ExplainedCaller(string Raw, string? Number, bool Anonymous);

public sealed record ExplainedNumber(string Raw, string? Number, bool Configured);

public sealed record ExplainedItem(string Id, string Name);
