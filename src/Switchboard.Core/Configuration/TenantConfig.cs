namespace Switchboard.Core.Configuration;

/// <summary>A tenant as configured. <paramref name="Id"/> is a slug ([a-z0-9-], 1-63 chars); <paramref name="TimeZone"/> an IANA id.</summary>
public sealed record TenantConfig(
    string Id,
    string Name,
    string? DefaultAgent,
    string TimeZone,
    IReadOnlyList<PhoneNumber> BlockedCallers,
    IReadOnlyList<CampaignConfig> Campaigns,
    IReadOnlyList<NumberConfig> Numbers)
{
    /// <summary>The dispatch watchdog's keys (<c>backup_agent</c>, <c>fallback_transfer_to</c>, <c>agent_join_timeout_seconds</c>).</summary>
    public AgentFallback Fallback { get; init; } = AgentFallback.None;
}
