using Switchboard.Core.Configuration;
using Xunit;

namespace Switchboard.Core.Tests.Configuration;

/// <summary>The dispatch watchdog's keys on tenants and campaigns: read, checked, merged campaign over tenant, and written back.</summary>
public sealed class AgentFallbackTests
{
    private const string Document = """
        tenants:
          - id: acme
            name: Acme
            backup_agent: tenant-backup
            fallback_transfer_to: "tel:+15550009999"
            agent_join_timeout_seconds: 20
            campaigns:
              - id: promo
                name: Promo
                backup_agent: promo-backup
                agent_join_timeout_seconds: 5
              - id: plain
                name: Plain
        """;

    [Fact]
    public void The_keys_read_on_tenants_and_campaigns()
    {
        var tenant = Assert.Single(Parse(Document).Tenants);

        Assert.Equal(new AgentFallback("tenant-backup", "tel:+15550009999", 20), tenant.Fallback);
        Assert.Equal(new AgentFallback("promo-backup", null, 5), tenant.Campaigns[0].Fallback);
        Assert.Same(AgentFallback.None, tenant.Campaigns[1].Fallback);
    }

    [Fact]
    public void A_campaigns_keys_win_over_its_tenants_key_by_key()
    {
        var tenant = Assert.Single(Parse(Document).Tenants);

        var promo = tenant.Campaigns[0].Fallback.Over(tenant.Fallback);
        var plain = tenant.Campaigns[1].Fallback.Over(tenant.Fallback);

        Assert.Equal(new AgentFallback("promo-backup", "tel:+15550009999", 5), promo);
        Assert.Equal(tenant.Fallback, plain);
        Assert.Equal(TimeSpan.FromSeconds(AgentFallback.DefaultTimeoutSeconds), AgentFallback.None.Timeout);
    }

    [Theory]
    [InlineData("sip:support@example.com", true)]
    [InlineData("sips:support@example.com", true)]
    [InlineData("tel:+15550009999", true)]
    [InlineData("<sip:support@example.com>", true)]
    [InlineData("+15550009999", false)]
    [InlineData("http://example.com", false)]
    [InlineData("tel:", false)]
    [InlineData("sip:support @example.com", false)]
    public void Transfer_targets_are_what_livekit_accepts(string target, bool valid)
    {
        Assert.Equal(valid, AgentFallback.IsTransferTarget(target));
    }

    [Theory]
    [InlineData("fallback_transfer_to: \"+15550009999\"", "tenants[0].fallback_transfer_to", "sip:, sips: or tel: URI")]
    [InlineData("agent_join_timeout_seconds: 0", "tenants[0].agent_join_timeout_seconds", "from 1 to 600")]
    [InlineData("agent_join_timeout_seconds: 601", "tenants[0].agent_join_timeout_seconds", "from 1 to 600")]
    [InlineData("agent_join_timeout_seconds: 2.5", "tenants[0].agent_join_timeout_seconds", "whole number")]
    [InlineData("backup_agent: \"two words\"", "tenants[0].backup_agent", "LiveKit agent name")]
    public void A_bad_value_is_an_error_with_its_path(string line, string path, string message)
    {
        var result = ConfigParser.Parse($"""
            tenants:
              - id: acme
                name: Acme
                {line}
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_keys_survive_export_and_reimport_in_yaml_and_json()
    {
        var config = Parse(Document);

        var fromYaml = Parse(ConfigWriter.ToYaml(config));
        var fromJson = Parse(ConfigWriter.ToJson(config));

        foreach (var copy in new[] { fromYaml, fromJson })
        {
            Assert.Equal(config.Tenants[0].Fallback, copy.Tenants[0].Fallback);
            Assert.Equal(config.Tenants[0].Campaigns.Select(c => c.Fallback), copy.Tenants[0].Campaigns.Select(c => c.Fallback));
        }
    }

    private static SwitchboardConfig Parse(string document)
    {
        var result = ConfigParser.Parse(document);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Config;
    }
}
