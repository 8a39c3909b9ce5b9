namespace Switchboard.Core.Routing;

/// <summary>The router's answer for one call, with the ordered trace of how it got there.</summary>
public abstract record RoutingDecision(RoutingReason Reason, NumberRoute? Route, IReadOnlyList<TraceStep> Trace)
{
    public TenantRoute? Tenant => Route?.Tenant;

    /// <summary>The campaign that took part in the decision: set only when it was active.</summary>
    public abstract CampaignRoute? Campaign { get; }

    public sealed record Accept(string AgentName, RoutingReason Reason, NumberRoute? Route, CampaignRoute? ActiveCampaign, IReadOnlyList<TraceStep> Trace)
        : RoutingDecision(Reason, Route, Trace)
    {
        public override CampaignRoute? Campaign => ActiveCampaign;
    }

    public sealed record Reject(RoutingReason Reason, NumberRoute? Route, CampaignRoute? ActiveCampaign, IReadOnlyList<TraceStep> Trace)
        : RoutingDecision(Reason, Route, Trace)
    {
        public override CampaignRoute? Campaign => ActiveCampaign;
    }
}
