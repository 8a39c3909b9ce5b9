using Switchboard.Core.Routing;
using Xunit;

namespace Switchboard.Core.Tests.Routing;

public sealed class ReasonCodesTests
{
    public static TheoryData<RoutingReason> AllReasons { get; } = new(Enum.GetValues<RoutingReason>());

    [Theory]
    [InlineData(RoutingReason.CallerBlocked, "caller_blocked")]
    [InlineData(RoutingReason.NoAgentConfigured, "no_agent_configured")]
    [InlineData(RoutingReason.NumberNotConfigured, "number_not_configured")]
    [InlineData(RoutingReason.NumberAgent, "number_agent")]
    [InlineData(RoutingReason.CampaignAgent, "campaign_agent")]
    [InlineData(RoutingReason.TenantDefaultAgent, "tenant_default_agent")]
    [InlineData(RoutingReason.GlobalDefaultAgent, "global_default_agent")]
    [InlineData(RoutingReason.UnknownNumberDefaultAgent, "unknown_number_default_agent")]
    public void Each_reason_has_its_published_code(RoutingReason reason, string code)
    {
        var actual = reason.Code();

        Assert.Equal(code, actual);
    }

    [Fact]
    public void The_published_codes_are_all_the_codes_there_are()
    {
        string[] published =
        [
            "caller_blocked", "no_agent_configured", "number_not_configured", "number_agent",
            "campaign_agent", "tenant_default_agent", "global_default_agent", "unknown_number_default_agent", "static_dispatch_rule",
        ];

        var all = ReasonCodes.All;

        Assert.Equal(published.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Equal(Enum.GetValues<RoutingReason>().Length, all.Count);
    }

    [Fact]
    public void Every_reason_has_a_unique_code()
    {
        var reasons = Enum.GetValues<RoutingReason>();

        var codes = reasons.Select(r => r.Code()).ToList();

        Assert.Equal(reasons.Length, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(AllReasons))]
    public void Code_is_snake_case(RoutingReason reason)
    {
        var code = reason.Code();

        Assert.NotEmpty(code);
        Assert.All(code, c => Assert.True(char.IsAsciiLetterLower(c) || c == '_', $"'{c}' in '{code}'"));
        Assert.False(code.StartsWith('_') || code.EndsWith('_') || code.Contains("__", StringComparison.Ordinal), code);
    }

    [Theory]
    [MemberData(nameof(AllReasons))]
    public void Code_round_trips_through_TryParse(RoutingReason reason)
    {
        var parsed = ReasonCodes.TryParse(reason.Code(), out var back);

        Assert.True(parsed);
        Assert.Equal(reason, back);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CallerBlocked")]   // the enum name is not the code
    [InlineData("CALLER_BLOCKED")]  // codes are case-sensitive
    [InlineData("caller-blocked")]
    [InlineData(" caller_blocked")]
    [InlineData("caller_blocked ")]
    [InlineData("callerblocked")]
    [InlineData("0")]               // nor is the enum's number
    [InlineData("5")]
    [InlineData("outside_business_hours")]
    public void TryParse_rejects_anything_but_an_exact_code(string? code)
    {
        var parsed = ReasonCodes.TryParse(code, out _);

        Assert.False(parsed);
    }
}
