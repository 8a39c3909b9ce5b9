using System.Text.Json;
using Switchboard.Core.Configuration;
using Xunit;

namespace Switchboard.Core.Tests.Configuration;

public sealed class ConfigWriterTests
{
    private const string Small = """
        default_agent: telephony-agent
        blocked_callers: ["+1 202 555 0143"]
        tenants:
          - id: acme
            name: Acme Health
            timezone: America/New_York
            campaigns:
              - id: spring
                name: Spring
                agent: sales-agent
                active: false
                starts_at: 2026-03-01T00:00:00-05:00
                ends_at: 2026-06-01T00:00:00.5Z
                metadata: {script: spring, discount: 15, tags: [a, b], code: "15"}
              - id: always
                name: Always On
            numbers:
              - number: (800) 555-0100
                campaign: spring
                agent: vip-agent
          - id: globex
            name: Globex Realty
        """;

    [Fact]
    public void ToYaml_writes_the_documented_schema_with_numbers_in_E164()
    {
        var config = ConfigParser.Parse(Small).Config!;

        var yaml = ConfigWriter.ToYaml(config);

        Assert.Equal(
            """
            default_agent: telephony-agent
            default_region: US
            blocked_callers:
              - "+12025550143"
            tenants:
              - id: acme
                name: Acme Health
                timezone: America/New_York
                campaigns:
                  - id: spring
                    name: Spring
                    agent: sales-agent
                    active: false
                    starts_at: 2026-03-01T00:00:00-05:00
                    ends_at: 2026-06-01T00:00:00.5Z
                    metadata:
                      script: spring
                      discount: 15
                      tags:
                        - a
                        - b
                      code: "15"
                  - id: always
                    name: Always On
                numbers:
                  - number: "+18005550100"
                    campaign: spring
                    agent: vip-agent
              - id: globex
                name: Globex Realty
                timezone: UTC

            """.ReplaceLineEndings("\n"),
            yaml.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ToJson_writes_the_same_schema_as_JSON()
    {
        var config = ConfigParser.Parse(Small).Config!;

        var json = ConfigWriter.ToJson(config);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["default_agent", "default_region", "blocked_callers", "tenants"], root.EnumerateObject().Select(p => p.Name));
        var acme = root.GetProperty("tenants")[0];
        Assert.Equal(["id", "name", "timezone", "campaigns", "numbers"], acme.EnumerateObject().Select(p => p.Name));
        Assert.Equal("+18005550100", acme.GetProperty("numbers")[0].GetProperty("number").GetString());
        Assert.Contains("\"+18005550100\"", json, StringComparison.Ordinal);
        Assert.False(acme.GetProperty("campaigns")[0].GetProperty("active").GetBoolean());
        Assert.False(acme.GetProperty("campaigns")[1].TryGetProperty("active", out _));
        Assert.Equal("2026-03-01T00:00:00-05:00", acme.GetProperty("campaigns")[0].GetProperty("starts_at").GetString());
        Assert.Equal("""{"script":"spring","discount":15,"tags":["a","b"],"code":"15"}""", JsonSerializer.Serialize(acme.GetProperty("campaigns")[0].GetProperty("metadata")));
    }

    [Fact]
    public void A_YAML_round_trip_gives_back_the_same_configuration()
    {
        var config = ConfigParser.Parse(Small).Config!;

        var reparsed = ConfigParser.Parse(ConfigWriter.ToYaml(config));

        Assert.True(reparsed.IsValid, string.Join('\n', reparsed.Errors));
        Assert.Equal(ConfigWriter.ToYaml(config), ConfigWriter.ToYaml(reparsed.Config));
    }

    [Fact]
    public void A_JSON_round_trip_gives_back_the_same_configuration()
    {
        var config = ConfigParser.Parse(Small).Config!;

        var reparsed = ConfigParser.Parse(ConfigWriter.ToJson(config));

        Assert.True(reparsed.IsValid, string.Join('\n', reparsed.Errors));
        Assert.Equal(ConfigWriter.ToYaml(config), ConfigWriter.ToYaml(reparsed.Config));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("true")]
    [InlineData("No")]
    [InlineData("off")]
    [InlineData("123")]
    [InlineData("-1.5")]
    [InlineData(".inf")]
    [InlineData("0x1F")]
    [InlineData("2026-03-01")]
    [InlineData("Acme: Health")]
    [InlineData("- dash")]
    [InlineData("#hash")]
    [InlineData("&anchor")]
    [InlineData("*alias")]
    [InlineData("!tag")]
    [InlineData("'single' and \"double\"")]
    [InlineData(" padded ")]
    [InlineData("two\nlines")]
    [InlineData("{braces}")]
    [InlineData("café 日本 🚀")]
    public void Strings_that_YAML_would_misread_survive_a_round_trip(string text)
    {
        using var metadata = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, object> { [text] = text, ["list"] = new[] { text } }));
        var config = new SwitchboardConfig(null, "US", [],
        [
            new TenantConfig("acme", text, null, "UTC", [],
                [new CampaignConfig("c", text, null, true, null, null, metadata.RootElement.Clone())],
                []),
        ]);

        var yaml = ConfigWriter.ToYaml(config);
        var reparsed = ConfigParser.Parse(yaml);

        Assert.True(reparsed.IsValid, $"{string.Join('\n', reparsed.Errors)}\n{yaml}");
        var campaign = reparsed.Config.Tenants[0].Campaigns[0];
        Assert.Equal((text, text), (reparsed.Config.Tenants[0].Name, campaign.Name));
        Assert.Equal(text, campaign.Metadata!.Value.GetProperty(text).GetString());
        Assert.Equal(text, campaign.Metadata!.Value.GetProperty("list")[0].GetString());
    }

    [Fact]
    public void Metadata_values_keep_their_JSON_types_through_YAML()
    {
        const string json = """{"n":-0.5,"big":123456789012345678901234567890,"exp":1E+400,"t":true,"f":false,"z":null,"s":"","o":{},"a":[],"deep":[[{"x":[1]}]]}""";
        using var metadata = JsonDocument.Parse(json);
        var config = new SwitchboardConfig(null, "US", [],
            [new TenantConfig("acme", "Acme", null, "UTC", [], [new CampaignConfig("c", "C", null, true, null, null, metadata.RootElement.Clone())], [])]);

        var reparsed = ConfigParser.Parse(ConfigWriter.ToYaml(config));

        Assert.Equal(json, reparsed.Config!.Tenants[0].Campaigns[0].Metadata!.Value.GetRawText());
    }

    [Fact]
    public void An_empty_configuration_writes_and_reads_back()
    {
        var yaml = ConfigWriter.ToYaml(SwitchboardConfig.Empty);

        var reparsed = ConfigParser.Parse(yaml);

        Assert.Equal("default_region: US\ntenants: []\n", yaml.ReplaceLineEndings("\n"));
        Assert.True(reparsed.IsValid);
        Assert.Empty(reparsed.Config.Tenants);
    }

    [Fact]
    public void Instants_keep_their_offset_and_fraction()
    {
        var startsAt = new DateTimeOffset(2026, 3, 1, 9, 30, 15, TimeSpan.FromMinutes(330)).AddTicks(1234567);
        var endsAt = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var config = new SwitchboardConfig(null, "US", [],
            [new TenantConfig("acme", "Acme", null, "Asia/Kolkata", [], [new CampaignConfig("c", "C", null, true, startsAt, endsAt, null)], [])]);

        var yaml = ConfigWriter.ToYaml(config);
        var campaign = ConfigParser.Parse(yaml).Config!.Tenants[0].Campaigns[0];

        Assert.Contains("starts_at: 2026-03-01T09:30:15.1234567+05:30", yaml, StringComparison.Ordinal);
        Assert.Contains("ends_at: 2026-06-01T00:00:00Z", yaml, StringComparison.Ordinal);
        Assert.Equal((startsAt, startsAt.Offset), (campaign.StartsAt!.Value, campaign.StartsAt!.Value.Offset));
        Assert.Equal(endsAt, campaign.EndsAt);
    }
}
