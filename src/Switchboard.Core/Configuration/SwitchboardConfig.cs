using Switchboard.Core.DispatchRules;
using Switchboard.Core.Routing;

namespace Switchboard.Core.Configuration;

/// <summary>
/// A whole, validated configuration: what <c>config apply</c> writes and <c>config export</c> prints.
/// Produced only by <c>ConfigParser</c> (or built by code that already holds parsed values).
/// </summary>
public sealed record SwitchboardConfig(
    string? DefaultAgent,
    string DefaultRegion,
    IReadOnlyList<PhoneNumber> BlockedCallers,
    IReadOnlyList<TenantConfig> Tenants)
{
    public static SwitchboardConfig Empty { get; } = new(null, PhoneNumber.DefaultRegion, [], []);

    /// <summary>
    /// The <c>livekit</c> section: LiveKit's inbound trunks and dispatch rules, consulted for a dialed number no tenant owns,
    /// as LiveKit itself would consult them.
    /// </summary>
    public LiveKitRules LiveKit { get; init; } = LiveKitRules.Empty;

    /// <summary>Compiles the configuration into the immutable table the router reads.</summary>
    public RoutingTable ToRoutingTable(long version)
    {
        var numbers = new List<NumberRoute>();
        foreach (var tenant in Tenants)
        {
            var tenantRoute = new TenantRoute(tenant.Id, tenant.Name, tenant.DefaultAgent, tenant.TimeZone, tenant.BlockedCallers) { Fallback = tenant.Fallback };
            var campaigns = tenant.Campaigns.ToDictionary(
                c => c.Id,
                c => new CampaignRoute(c.Id, c.Name, c.Agent, c.Active, c.StartsAt, c.EndsAt, c.Metadata) { Fallback = c.Fallback },
                StringComparer.Ordinal);
            numbers.AddRange(tenant.Numbers.Select(n =>
                new NumberRoute(n.Number, tenantRoute, n.Campaign is null ? null : campaigns[n.Campaign], n.Agent)));
        }

        return new RoutingTable(version, DefaultAgent, DefaultRegion, BlockedCallers, numbers)
        {
            DispatchRules = LiveKit.IsEmpty ? null : new DispatchRuleMatcher(LiveKit),
            Source = this,
        };
    }
}
