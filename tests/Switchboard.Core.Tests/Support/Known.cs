using System.Globalization;

namespace Switchboard.Core.Tests.Support;

/// <summary>The fixed numbers, agents and instants the routing tests share (fictional 555 numbers only).</summary>
internal static class Known
{
    /// <summary>Tenant <c>acme</c>'s number: the one whose campaign, override and blocklist the tests vary.</summary>
    public const string AcmeNumber = "+18005550100";

    /// <summary>Tenant <c>globex</c>'s number: a second tenant, to show a tenant's rules stay with that tenant.</summary>
    public const string GlobexNumber = "+18005550111";

    /// <summary>A valid number that no tenant owns.</summary>
    public const string UnknownNumber = "+18005550199";

    public const string Caller = "+12025550143";

    public const string OtherCaller = "+12025550188";

    public const string GlobalAgent = "front-desk";

    public const string AcmeAgent = "acme-bot";

    public const string GlobexAgent = "globex-bot";

    public const string CampaignAgent = "spring-bot";

    public const string NumberAgent = "hotline-bot";

    /// <summary>Monday 2 March 2026, 15:00 UTC: inside <see cref="Campaigns"/>' default window.</summary>
    public static readonly DateTimeOffset Now = Time.At("2026-03-02T15:00:00Z");
}

internal static class Time
{
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static DateTimeOffset? AtOrNull(string? iso) => iso is null ? null : At(iso);
}
