using Switchboard.Core.Configuration;
using Switchboard.Core.LiveKitSync;
using Xunit;
using static Switchboard.Core.Tests.LiveKitSync.Sync;

namespace Switchboard.Core.Tests.LiveKitSync;

public sealed class RoutingBoundariesTests
{
    [Theory]
    [InlineData("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "campaign 'acme/spring' starts")]
    [InlineData("2026-03-02T15:00:00Z", "2026-04-01T00:00:00Z", "campaign 'acme/spring' ends")]   // at its start exactly: the end is next
    [InlineData("2026-03-15T00:00:00Z", "2026-04-01T00:00:00Z", "campaign 'acme/spring' ends")]
    public void The_next_boundary_is_the_earliest_campaign_start_or_end_after_now(string now, string at, string reason)
    {
        var config = Config(startsAt: "2026-03-01T00:00:00Z", endsAt: "2026-04-01T00:00:00Z");

        var next = RoutingBoundaries.Next(config, Time(now));

        Assert.Equal(new RoutingBoundary(Time(at), reason), next);
    }

    [Fact]
    public void After_the_last_window_routing_never_changes_by_itself()
    {
        var next = RoutingBoundaries.Next(Config(), Time("2026-04-01T00:00:00Z"));

        Assert.Null(next);
    }

    [Fact]
    public void Campaigns_no_number_uses_or_switched_off_have_no_boundary()
    {
        var parsed = ConfigParser.Parse("""
            tenants:
              - id: acme
                name: Acme
                default_agent: acme-bot
                campaigns:
                  - { id: unused, name: Unused, agent: a, starts_at: 2026-03-05T00:00:00Z }
                  - { id: off, name: Off, agent: b, active: false, starts_at: 2026-03-05T00:00:00Z }
                numbers:
                  - { number: "+15550001111", campaign: off }
            """);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));

        var next = RoutingBoundaries.Next(parsed.Config, Now);

        Assert.Null(next);
    }

    private static DateTimeOffset Time(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
