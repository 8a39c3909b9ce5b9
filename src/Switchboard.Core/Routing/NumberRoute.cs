namespace Switchboard.Core.Routing;

/// <summary>A configured dialed number: its tenant, its campaign if any, and its own agent override if any.</summary>
public sealed record NumberRoute(PhoneNumber Number, TenantRoute Tenant, CampaignRoute? Campaign, string? Agent);
