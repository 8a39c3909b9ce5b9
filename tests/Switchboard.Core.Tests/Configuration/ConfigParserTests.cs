using System.Globalization;
using System.Text.Json;
using Switchboard.Core.Configuration;
using Xunit;

namespace Switchboard.Core.Tests.Configuration;

public sealed class ConfigParserTests
{
    private const string Acme = """
        default_agent: telephony-agent
        blocked_callers: ["+1 202 555 0143"]
        tenants:
          - id: acme
            name: Acme Health
            default_agent: acme-receptionist
            timezone: America/New_York
            campaigns:
              - id: spring-promo
                name: Spring Promo
                agent: sales-agent
                starts_at: 2026-03-01T00:00:00Z
                ends_at: "2026-06-01T00:00:00-04:00"
                metadata: { script: spring }
              - id: dormant
                name: Dormant
                active: false
            numbers:
              - number: "+1 (800) 555-0100"
                campaign: spring-promo
              - number: 18005550101
                agent: vip-line-agent
        """;

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# nothing configured yet\n")]
    [InlineData("~")]
    [InlineData("{}")]
    [InlineData("---\n...\n")]
    public void An_empty_document_is_a_valid_empty_configuration(string text)
    {
        var result = ConfigParser.Parse(text);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Empty(result.Errors);
        Assert.Equal(PhoneNumber.DefaultRegion, result.Config.DefaultRegion);
        Assert.Null(result.Config.DefaultAgent);
        Assert.Empty(result.Config.BlockedCallers);
        Assert.Empty(result.Config.Tenants);
    }

    [Fact]
    public void A_valid_document_is_read_in_document_order()
    {
        var result = ConfigParser.Parse(Acme);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var config = result.Config;
        Assert.Equal("telephony-agent", config.DefaultAgent);
        Assert.Equal("+12025550143", Assert.Single(config.BlockedCallers).Value);
        var tenant = Assert.Single(config.Tenants);
        Assert.Equal(("acme", "Acme Health", "acme-receptionist", "America/New_York"), (tenant.Id, tenant.Name, tenant.DefaultAgent, tenant.TimeZone));
        Assert.Equal(["spring-promo", "dormant"], tenant.Campaigns.Select(c => c.Id));
        Assert.Equal(["+18005550100", "+18005550101"], tenant.Numbers.Select(n => n.Number.Value));
        Assert.Equal(("spring-promo", (string?)null), (tenant.Numbers[0].Campaign, tenant.Numbers[0].Agent));
        Assert.Equal(((string?)null, "vip-line-agent"), (tenant.Numbers[1].Campaign, tenant.Numbers[1].Agent));
    }

    [Fact]
    public void A_campaign_keeps_its_window_offsets_and_switch()
    {
        var result = ConfigParser.Parse(Acme);

        var campaigns = result.Config!.Tenants[0].Campaigns;
        var spring = campaigns[0];
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), spring.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(-4)), spring.EndsAt);
        Assert.Equal(TimeSpan.FromHours(-4), spring.EndsAt!.Value.Offset);
        Assert.True(spring.Active);
        Assert.False(campaigns[1].Active);
        Assert.Null(campaigns[1].StartsAt);
        Assert.Null(campaigns[1].Metadata);
    }

    [Fact]
    public void Omitted_settings_take_their_defaults()
    {
        var result = ConfigParser.Parse("tenants: [{id: acme, name: Acme, campaigns: [{id: c, name: C}]}]");

        var config = result.Config!;
        Assert.Equal("US", config.DefaultRegion);
        Assert.Null(config.DefaultAgent);
        var tenant = config.Tenants[0];
        Assert.Equal("UTC", tenant.TimeZone);
        Assert.Null(tenant.DefaultAgent);
        Assert.Empty(tenant.BlockedCallers);
        Assert.Empty(tenant.Numbers);
        Assert.True(tenant.Campaigns[0].Active);
    }

    [Fact]
    public void Null_values_count_as_omitted()
    {
        var result = ConfigParser.Parse("default_agent:\ndefault_region: ~\nblocked_callers: null\ntenants:\n  - {id: acme, name: Acme, timezone: null, campaigns: [{id: c, name: C, agent: ~, active: null, metadata: null}]}");

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var campaign = result.Config.Tenants[0].Campaigns[0];
        Assert.Equal(("UTC", (string?)null, true), (result.Config.Tenants[0].TimeZone, campaign.Agent, campaign.Active));
    }

    [Theory]
    [InlineData("+1 (800) 555-0100", "US", "+18005550100")]
    [InlineData("18005550100", "US", "+18005550100")]
    [InlineData("800-555-0100", "US", "+18005550100")]
    [InlineData("(800) 555-0100", "US", "+18005550100")]
    [InlineData("+44 20 7946 0018", "US", "+442079460018")]
    [InlineData("020 7946 0018", "GB", "+442079460018")]
    [InlineData("020 7946 0018", "gb", "+442079460018")]
    [InlineData("tel:+1-800-555-0100", "US", "+18005550100")]
    public void A_number_in_any_common_format_is_stored_as_E164(string written, string region, string expected)
    {
        var yaml = $"default_region: {region}\ntenants: [{{id: acme, name: Acme, numbers: [{{number: '{written}'}}]}}]";

        var result = ConfigParser.Parse(yaml);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Equal(expected, result.Config.Tenants[0].Numbers[0].Number.Value);
        Assert.Equal(region.ToUpperInvariant(), result.Config.DefaultRegion);
    }

    [Fact]
    public void An_unquoted_number_is_read_as_its_digits()
    {
        var result = ConfigParser.Parse("tenants: [{id: acme, name: Acme, numbers: [{number: 18005550100}, {number: +442079460018}]}]");

        Assert.Equal(["+18005550100", "+442079460018"], result.Config!.Tenants[0].Numbers.Select(n => n.Number.Value));
    }

    [Theory]
    [InlineData("2026-03-01T00:00:00Z", "2026-03-01T00:00:00.0000000+00:00")]
    [InlineData("2026-03-01t00:00:00z", "2026-03-01T00:00:00.0000000+00:00")]
    [InlineData("2026-03-01 09:30:00 -05:00", "2026-03-01T09:30:00.0000000-05:00")]
    [InlineData("2026-03-01T09:30+0530", "2026-03-01T09:30:00.0000000+05:30")]
    [InlineData("2026-03-01T09:30:15.25+01", "2026-03-01T09:30:15.2500000+01:00")]
    [InlineData("'2026-03-01T00:00:00Z'", "2026-03-01T00:00:00.0000000+00:00")]
    public void A_campaign_date_is_an_ISO_8601_instant_with_an_offset(string written, string expected)
    {
        var result = ConfigParser.Parse($"tenants: [{{id: acme, name: Acme, campaigns: [{{id: c, name: C, starts_at: {written}}}]}}]");

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Equal(expected, result.Config.Tenants[0].Campaigns[0].StartsAt!.Value.ToString("O", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Metadata_keeps_its_nesting_and_YAML_types()
    {
        const string yaml = """
            tenants:
              - id: acme
                name: Acme
                campaigns:
                  - id: c
                    name: C
                    metadata:
                      script: spring
                      discount: 15
                      ratio: -1.5e3
                      vip: true
                      note: null
                      empty:
                      code: "15"
                      flag: 'false'
                      zip: 02134
                      hex: 0x1F
                      answer: yes
                      when: 2026-03-01T00:00:00Z
                      forced: !!str 42
                      nested:
                        list: [1, two, {three: 3}, [], {}]
                        "key with spaces": { deeper: { deepest: [null, ~] } }
            """;

        var result = ConfigParser.Parse(yaml);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        var metadata = result.Config.Tenants[0].Campaigns[0].Metadata!.Value;
        Assert.Equal(JsonValueKind.Object, metadata.ValueKind);
        Assert.Equal(
            """{"script":"spring","discount":15,"ratio":-1.5e3,"vip":true,"note":null,"empty":null,"code":"15","flag":"false","zip":"02134","hex":"0x1F","answer":"yes","when":"2026-03-01T00:00:00Z","forced":"42","nested":{"list":[1,"two",{"three":3},[],{}],"key with spaces":{"deeper":{"deepest":[null,null]}}}}""",
            metadata.GetRawText());
    }

    [Fact]
    public void Metadata_stays_readable_after_parsing()
    {
        var metadata = ConfigParser.Parse(Acme).Config!.Tenants[0].Campaigns[0].Metadata!.Value;

        Assert.Equal("spring", metadata.GetProperty("script").GetString());
    }

    [Fact]
    public void A_JSON_document_reads_like_the_same_YAML_document()
    {
        const string json = """
            {
            	"default_agent": "telephony-agent",
            	"blocked_callers": ["+1 202 555 0143"],
            	"tenants": [
            		{
            			"id": "acme", "name": "Acme Health", "default_agent": "acme-receptionist", "timezone": "America/New_York",
            			"campaigns": [
            				{"id": "spring-promo", "name": "Spring Promo", "agent": "sales-agent",
            				 "starts_at": "2026-03-01T00:00:00Z", "ends_at": "2026-06-01T00:00:00-04:00", "metadata": {"script": "spring"}},
            				{"id": "dormant", "name": "Dormant", "active": false}
            			],
            			"numbers": [
            				{"number": "+1 (800) 555-0100", "campaign": "spring-promo"},
            				{"number": 18005550101, "agent": "vip-line-agent"}
            			]
            		}
            	]
            }
            """;

        var fromJson = ConfigParser.Parse(json);
        var fromYaml = ConfigParser.Parse(Acme);

        Assert.True(fromJson.IsValid, string.Join('\n', fromJson.Errors));
        Assert.Equal(ConfigWriter.ToYaml(fromYaml.Config!), ConfigWriter.ToYaml(fromJson.Config));
    }

    [Fact]
    public void JSON_errors_have_the_same_paths()
    {
        var result = ConfigParser.Parse("""{"tenants": [{"id": "acme", "name": "Acme", "numbers": [{"number": "12", "campaign": "x"}], "nmae": 1}]}""");

        Assert.Equal(
            ["tenants[0].nmae", "tenants[0].numbers[0].number", "tenants[0].numbers[0].campaign"],
            result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void JSON_metadata_keeps_its_types()
    {
        var result = ConfigParser.Parse("""{"tenants": [{"id": "a", "name": "A", "campaigns": [{"id": "c", "name": "C", "metadata": {"n": 1.25, "s": "1.25", "b": false, "z": null, "u": "caf\u00e9"}}]}]}""");

        Assert.Equal("""{"n":1.25,"s":"1.25","b":false,"z":null,"u":"caf\u00E9"}""", result.Config!.Tenants[0].Campaigns[0].Metadata!.Value.GetRawText());
    }

    [Fact]
    public void Anchors_and_aliases_share_a_value()
    {
        const string yaml = """
            tenants:
              - id: acme
                name: Acme
                campaigns:
                  - {id: a, name: A, metadata: &shared {script: spring, tiers: [gold, silver]}}
                  - {id: b, name: B, metadata: *shared}
            """;

        var result = ConfigParser.Parse(yaml);

        var campaigns = result.Config!.Tenants[0].Campaigns;
        Assert.Equal(campaigns[0].Metadata!.Value.GetRawText(), campaigns[1].Metadata!.Value.GetRawText());
    }

    [Fact]
    public void A_byte_order_mark_is_ignored()
    {
        var result = ConfigParser.Parse("\uFEFFtenants: [{id: acme, name: Acme}]");

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
    }

    [Fact]
    public void A_Windows_line_ending_document_reads_the_same()
    {
        var result = ConfigParser.Parse(Acme.ReplaceLineEndings("\r\n"));

        Assert.Equal(ConfigWriter.ToYaml(ConfigParser.Parse(Acme).Config!), ConfigWriter.ToYaml(result.Config!));
    }

    [Fact]
    public void Numeric_and_boolean_looking_ids_and_names_are_strings()
    {
        var result = ConfigParser.Parse("tenants: [{id: 2026, name: true, campaigns: [{id: '007', name: 1.5}]}]");

        var tenant = result.Config!.Tenants[0];
        Assert.Equal(("2026", "true", "007", "1.5"), (tenant.Id, tenant.Name, tenant.Campaigns[0].Id, tenant.Campaigns[0].Name));
    }

    [Fact]
    public void The_routing_table_finds_a_configured_number_and_its_campaign()
    {
        var config = ConfigParser.Parse(Acme).Config!;

        var table = config.ToRoutingTable(version: 7);

        var route = table.Find(PhoneNumber.Parse("+18005550100"));
        Assert.NotNull(route);
        Assert.Equal("acme", route.Tenant.Id);
        Assert.Equal("spring-promo", route.Campaign?.Id);
        Assert.Equal("sales-agent", route.Campaign?.Agent);
        Assert.Equal((7, "telephony-agent", 2), (table.Version, table.DefaultAgent, table.NumberCount));
        Assert.True(table.IsBlocked(PhoneNumber.Parse("+12025550143")));
    }
}
