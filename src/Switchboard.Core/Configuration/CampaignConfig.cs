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
    JsonElement? Metadata);
