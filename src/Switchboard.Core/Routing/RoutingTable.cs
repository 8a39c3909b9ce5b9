using System.Collections.Frozen;
using Switchboard.Core.DispatchRules;

namespace Switchboard.Core.Routing;

/// <summary>
/// The routing configuration compiled for the hot path: immutable, swapped whole when the configuration
/// changes, read without touching the database.
/// </summary>
public sealed class RoutingTable
{
    private readonly FrozenDictionary<string, NumberRoute> _numbers;
    private readonly FrozenSet<string> _blockedCallers;

    public RoutingTable(long version, string? defaultAgent, string defaultRegion, IEnumerable<PhoneNumber> blockedCallers, IEnumerable<NumberRoute> numbers)
    {
        Version = version;
        DefaultAgent = defaultAgent;
        DefaultRegion = defaultRegion;
        _blockedCallers = blockedCallers.Select(n => n.Value).ToFrozenSet(StringComparer.Ordinal);
        _numbers = numbers.ToFrozenDictionary(n => n.Number.Value, StringComparer.Ordinal);
    }

    public static RoutingTable Empty { get; } = new(0, null, PhoneNumber.DefaultRegion, [], []);

    /// <summary>The configuration version this table was built from; stored on every call it routes.</summary>
    public long Version { get; }

    public string? DefaultAgent { get; }

    /// <summary>Region (ISO 3166 alpha-2) for numbers written without a country code.</summary>
    public string DefaultRegion { get; }

    public int NumberCount => _numbers.Count;

    /// <summary>The configuration this table was compiled from, for views that need more than the routing (what Switchboard keeps in LiveKit); null for a table built by hand.</summary>
    public Configuration.SwitchboardConfig? Source { get; init; }

    /// <summary>LiveKit's trunks and dispatch rules, for dialed numbers no tenant owns; null when the configuration has none.</summary>
    public DispatchRuleMatcher? DispatchRules { get; init; }

    public NumberRoute? Find(PhoneNumber? called) => called is null ? null : _numbers.GetValueOrDefault(called.Value);

    public bool IsBlocked(PhoneNumber? caller) => caller is not null && _blockedCallers.Contains(caller.Value);
}
