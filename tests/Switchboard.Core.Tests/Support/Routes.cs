using Switchboard.Core.Routing;

namespace Switchboard.Core.Tests.Support;

/// <summary>
/// A routing table of two tenants, each with one number: <c>acme</c> owns <see cref="Known.AcmeNumber"/> and
/// <c>globex</c> owns <see cref="Known.GlobexNumber"/>. Every knob defaults to "not configured" except Globex's agent.
/// </summary>
internal sealed record TableBuilder
{
    public string? GlobalAgent { get; init; }

    public IReadOnlyList<string> GlobalBlocklist { get; init; } = [];

    public string? AcmeAgent { get; init; }

    public IReadOnlyList<string> AcmeBlocklist { get; init; } = [];

    public CampaignRoute? AcmeCampaign { get; init; }

    public string? AcmeNumberAgent { get; init; }

    public string? GlobexAgent { get; init; } = Known.GlobexAgent;

    public IReadOnlyList<string> GlobexBlocklist { get; init; } = [];

    public string Region { get; init; } = PhoneNumber.DefaultRegion;

    public RoutingTable Build()
    {
        var acme = new TenantRoute("acme", "Acme", AcmeAgent, "America/New_York", Parse(AcmeBlocklist));
        var globex = new TenantRoute("globex", "Globex", GlobexAgent, "Europe/London", Parse(GlobexBlocklist));
        NumberRoute[] numbers =
        [
            new(PhoneNumber.Parse(Known.AcmeNumber), acme, AcmeCampaign, AcmeNumberAgent),
            new(PhoneNumber.Parse(Known.GlobexNumber), globex, null, null),
        ];
        return new RoutingTable(1, GlobalAgent, Region, Parse(GlobalBlocklist), numbers);
    }

    private PhoneNumber[] Parse(IEnumerable<string> numbers) => [.. numbers.Select(n => PhoneNumber.Parse(n, Region))];
}

internal static class Campaigns
{
    public const string DefaultStart = "2026-03-01T00:00:00Z";

    public const string DefaultEnd = "2026-04-01T00:00:00Z";

    /// <summary>Campaign <c>spring</c>; by default switched on, with the window [1 March, 1 April) 2026 around <see cref="Known.Now"/>.</summary>
    public static CampaignRoute Spring(string? agent = Known.CampaignAgent, bool active = true, string? startsAt = DefaultStart, string? endsAt = DefaultEnd) =>
        new("spring", "Spring sale", agent, active, Time.AtOrNull(startsAt), Time.AtOrNull(endsAt), null);

    /// <summary>A campaign made inactive in one of the ways a campaign can be, at <see cref="Known.Now"/>.</summary>
    public static CampaignRoute Inactive(string how, string? agent = Known.CampaignAgent) => how switch
    {
        "switched_off" => Spring(agent, active: false),
        "not_started" => Spring(agent, startsAt: "2026-03-02T15:00:00.0000001Z", endsAt: null),
        "ends_now" => Spring(agent, startsAt: null, endsAt: "2026-03-02T15:00:00Z"),
        "ended" => Spring(agent, startsAt: "2025-12-01T00:00:00Z", endsAt: "2026-01-01T00:00:00Z"),
        _ => throw new ArgumentOutOfRangeException(nameof(how), how, "unknown way of being inactive"),
    };
}

internal static class Calls
{
    /// <summary>A call as the webhook would build it: both ends parsed at the edge, raw values kept.</summary>
    public static InboundCall From(string? caller, string dialed, string region = PhoneNumber.DefaultRegion) =>
        new("SCL_test", CallerId.Parse(caller, region), PhoneNumber.TryParse(dialed, region, out var called) ? called : null, dialed);
}

internal static class Traces
{
    /// <summary>The trace as <c>step:outcome</c> pairs, e.g. <c>global_blocklist:pass &gt; number_lookup:found</c>.</summary>
    public static string Steps(this RoutingDecision decision) => string.Join(" > ", decision.Trace.Select(s => $"{s.Step}:{s.Outcome}"));

    public static string? Agent(this RoutingDecision decision) => (decision as RoutingDecision.Accept)?.AgentName;
}
