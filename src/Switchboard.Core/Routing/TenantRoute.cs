using System.Collections.Frozen;

namespace Switchboard.Core.Routing;

/// <summary>What routing needs to know of a tenant.</summary>
public sealed class TenantRoute(string id, string name, string? defaultAgent, string timeZone, IEnumerable<PhoneNumber> blockedCallers)
{
    private readonly FrozenSet<string> _blockedCallers = blockedCallers.Select(n => n.Value).ToFrozenSet(StringComparer.Ordinal);

    public string Id { get; } = id;

    public string Name { get; } = name;

    public string? DefaultAgent { get; } = defaultAgent;

    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; } = timeZone;

    /// <summary>The dispatch watchdog's keys set on the tenant.</summary>
    public Configuration.AgentFallback Fallback { get; init; } = Configuration.AgentFallback.None;

    public bool IsBlocked(PhoneNumber? caller) => caller is not null && _blockedCallers.Contains(caller.Value);
}
