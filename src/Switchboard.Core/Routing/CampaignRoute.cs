using System.Text.Json;

namespace Switchboard.Core.Routing;

/// <summary>What routing needs to know of a campaign. <paramref name="Metadata"/> is a JSON object passed to the agent.</summary>
public sealed record CampaignRoute(string Id, string Name, string? Agent, bool Active, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, JsonElement? Metadata)
{
    /// <summary>The dispatch watchdog's keys set on the campaign (each falls back to the tenant's).</summary>
    public Configuration.AgentFallback Fallback { get; init; } = Configuration.AgentFallback.None;

    /// <summary>Why the campaign is not active at <paramref name="now"/>, or null when it is.</summary>
    public string? InactiveReason(DateTimeOffset now) => this switch
    {
        { Active: false } => "campaign is switched off (active: false)",
        { StartsAt: { } starts } when now < starts => $"campaign starts at {starts:O}",
        { EndsAt: { } ends } when now >= ends => $"campaign ended at {ends:O}",
        _ => null,
    };
}
