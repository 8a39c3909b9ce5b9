using Switchboard.Core.Configuration;

namespace Switchboard.Core.LiveKitSync;

/// <summary>
/// When the router's choice for a configured number may next change on its own, with no configuration change: the instants
/// static rules must be recompiled at. Today these are campaign windows (<c>starts_at</c>, <c>ends_at</c>) of campaigns that
/// numbers use; each new time-dependent rule (business hours, say) adds its instants in <see cref="Candidates"/>.
/// </summary>
public static class RoutingBoundaries
{
    /// <summary>The earliest boundary strictly after <paramref name="now"/>, or null when routing never changes by itself.</summary>
    public static RoutingBoundary? Next(SwitchboardConfig config, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Candidates(config)
            .Where(b => b.At > now)
            .OrderBy(b => b.At)
            .ThenBy(b => b.Reason, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static IEnumerable<RoutingBoundary> Candidates(SwitchboardConfig config)
    {
        foreach (var tenant in config.Tenants)
        {
            var used = tenant.Numbers.Select(n => n.Campaign).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var campaign in tenant.Campaigns.Where(c => c.Active && used.Contains(c.Id)))
            {
                if (campaign.StartsAt is { } starts)
                {
                    yield return new RoutingBoundary(starts, $"campaign '{tenant.Id}/{campaign.Id}' starts");
                }

                if (campaign.EndsAt is { } ends)
                {
                    yield return new RoutingBoundary(ends, $"campaign '{tenant.Id}/{campaign.Id}' ends");
                }
            }
        }
    }
}
