using System.Text.Json;

namespace Switchboard.Core.Configuration;

/// <summary>A campaign as configured. <paramref name="Metadata"/> is a JSON object passed to the agent, or null.</summary>
public sealed record CampaignConfig(
    string Id,
    string Name,
    string? Agent,
    bool Active,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    JsonElement? Metadata)
{
    /// <summary>The dispatch watchdog's keys (<c>backup_agent</c>, <c>fallback_transfer_to</c>, <c>agent_join_timeout_seconds</c>).</summary>
    public AgentFallback Fallback { get; init; } = AgentFallback.None;
}
