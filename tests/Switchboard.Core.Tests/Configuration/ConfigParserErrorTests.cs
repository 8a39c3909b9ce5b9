using Switchboard.Core.Configuration;
using Xunit;

namespace Switchboard.Core.Tests.Configuration;

/// <summary>Each kind of error, at its exact path. Documents are written in YAML flow style to keep a case on one line.</summary>
public sealed class ConfigParserErrorTests
{
    private const string Tenant = "{id: acme, name: Acme";

    [Theory]
    // tenant ids and names
    [InlineData("tenants: [{id: Acme, name: A}]", "tenants[0].id", "must be a slug of 1-63 characters [a-z0-9-]")]
    [InlineData("tenants: [{id: 'acme health', name: A}]", "tenants[0].id", "must be a slug")]
    [InlineData("tenants: [{id: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, name: A}]", "tenants[0].id", "must be a slug")]
    [InlineData("tenants: [{name: A}]", "tenants[0].id", "is required")]
    [InlineData("tenants: [{id: acme}]", "tenants[0].name", "is required")]
    [InlineData("tenants: [{id: acme, name: ''}]", "tenants[0].name", "is required")]
    [InlineData("tenants: [{id: a, name: A}, {id: b, name: B}, {id: a, name: C}]", "tenants[2].id", "duplicate tenant id 'a'")]
    // campaigns
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C}, {id: c, name: D}]}]", "tenants[0].campaigns[1].id", "duplicate campaign id 'c'")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: C_1, name: C}]}]", "tenants[0].campaigns[0].id", "must be a slug")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c}]}]", "tenants[0].campaigns[0].name", "is required")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, active: yes}]}]", "tenants[0].campaigns[0].active", "must be true or false")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, active: 'true'}]}]", "tenants[0].campaigns[0].active", "must be true or false")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, active: 1}]}]", "tenants[0].campaigns[0].active", "must be true or false")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, starts_at: 2026-03-01T00:00:00}]}]", "tenants[0].campaigns[0].starts_at", "with an offset or Z")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, starts_at: 2026-03-01}]}]", "tenants[0].campaigns[0].starts_at", "ISO 8601")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, starts_at: next monday}]}]", "tenants[0].campaigns[0].starts_at", "ISO 8601")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, ends_at: '2026-02-30T00:00:00Z'}]}]", "tenants[0].campaigns[0].ends_at", "ISO 8601")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, ends_at: 2026-03-01T00:00:00+15:00}]}]", "tenants[0].campaigns[0].ends_at", "ISO 8601")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, starts_at: 2026-06-01T00:00:00Z, ends_at: 2026-03-01T00:00:00Z}]}]", "tenants[0].campaigns[0].ends_at", "must be after starts_at")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, starts_at: 2026-03-01T05:00:00Z, ends_at: 2026-03-01T00:00:00-05:00}]}]", "tenants[0].campaigns[0].ends_at", "must be after starts_at")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, metadata: [1, 2]}]}]", "tenants[0].campaigns[0].metadata", "must be a mapping")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, metadata: spring}]}]", "tenants[0].campaigns[0].metadata", "must be a mapping")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, metadata: {a: 1, a: 2}}]}]", "tenants[0].campaigns[0].metadata.a", "duplicate key")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, metadata: {x: {'a b': 1, 'a b': 2}}}]}]", "tenants[0].campaigns[0].metadata.x[\"a b\"]", "duplicate key")]
    // agents
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, agent: 'sales agent'}]}]", "tenants[0].campaigns[0].agent", "must be a LiveKit agent name")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, agent: ''}]}]", "tenants[0].campaigns[0].agent", "must be a LiveKit agent name")]
    [InlineData("tenants: [" + Tenant + ", default_agent: \"bot\\tone\"}]", "tenants[0].default_agent", "no whitespace or control characters")]
    [InlineData("tenants: [" + Tenant + ", default_agent: \"bot\\u0007\"}]", "tenants[0].default_agent", "no whitespace or control characters")]
    [InlineData("default_agent: 'front desk'", "default_agent", "must be a LiveKit agent name")]
    [InlineData("default_agent: [a]", "default_agent", "must be a string")]
    // numbers
    [InlineData("tenants: [" + Tenant + ", numbers: [{number: '12'}]}]", "tenants[0].numbers[0].number", "not a valid phone number")]
    [InlineData("tenants: [" + Tenant + ", numbers: [{number: 'call me'}]}]", "tenants[0].numbers[0].number", "not a valid phone number")]
    [InlineData("tenants: [" + Tenant + ", numbers: [{number: '+1 800 555 0100 ext. 7'}]}]", "tenants[0].numbers[0].number", "not a valid phone number")]
    [InlineData("tenants: [" + Tenant + ", numbers: [{campaign: c}]}]", "tenants[0].numbers[0].number", "is required")]
    [InlineData("tenants: [" + Tenant + ", numbers: ['+18005550100']}]", "tenants[0].numbers[0]", "must be a mapping")]
    [InlineData("tenants: [" + Tenant + ", numbers: [{number: '+18005550100', campaign: x}]}]", "tenants[0].numbers[0].campaign", "no campaign 'x' in tenant 'acme'")]
    [InlineData("tenants: [" + Tenant + ", numbers: [{number: '+18005550100', agent: 'a b'}]}]", "tenants[0].numbers[0].agent", "must be a LiveKit agent name")]
    [InlineData("tenants: [" + Tenant + ", numbers: [{number: '+18005550100'}, {number: '8005550100'}]}]", "tenants[0].numbers[1].number", "+18005550100 is already configured at tenants[0].numbers[0]")]
    [InlineData("tenants: [{id: a, name: A, numbers: [{number: '+1 800 555 0101'}, {number: '+18005550100'}]}, {id: b, name: B, numbers: [{number: '(800) 555-0100'}]}]", "tenants[1].numbers[0].number", "+18005550100 is already configured at tenants[0].numbers[1]")]
    [InlineData("blocked_callers: ['+18005550100', nope]", "blocked_callers[1]", "not a valid phone number")]
    [InlineData("tenants: [" + Tenant + ", blocked_callers: ['12']}]", "tenants[0].blocked_callers[0]", "not a valid phone number")]
    [InlineData("blocked_callers: '+18005550100'", "blocked_callers", "must be a list")]
    // regions and time zones
    [InlineData("default_region: XX", "default_region", "unknown region 'XX'")]
    [InlineData("default_region: USA", "default_region", "unknown region 'USA'")]
    [InlineData("tenants: [" + Tenant + ", timezone: Mars/Olympus_Mons}]", "tenants[0].timezone", "unknown time zone 'Mars/Olympus_Mons'")]
    [InlineData("tenants: [" + Tenant + ", timezone: ../../etc/passwd}]", "tenants[0].timezone", "unknown time zone")]
    [InlineData("tenants: [" + Tenant + ", timezone: Eastern Standard Time}]", "tenants[0].timezone", "America/New_York")]
    // keys and types
    [InlineData("tenants: [{id: acme, nmae: Acme}]", "tenants[0].nmae", "unknown key (did you mean 'name'?)")]
    [InlineData("tenant: []", "tenant", "unknown key (did you mean 'tenants'?)")]
    [InlineData("tenants: [" + Tenant + ", colour: blue}]", "tenants[0].colour", "unknown key")]
    [InlineData("tenants: [" + Tenant + ", campaigns: [{id: c, name: C, meta: {}}]}]", "tenants[0].campaigns[0].meta", "unknown key")]
    [InlineData("tenants: [" + Tenant + ", numbers: [{number: '+18005550100', agnet: x}]}]", "tenants[0].numbers[0].agnet", "did you mean 'agent'")]
    [InlineData("tenants: []\ntenants: []", "tenants", "duplicate key")]
    [InlineData("tenants: {id: acme}", "tenants", "must be a list")]
    [InlineData("tenants: [acme]", "tenants[0]", "must be a mapping")]
    [InlineData("tenants: [" + Tenant + ", campaigns: {id: c}}]", "tenants[0].campaigns", "must be a list")]
    [InlineData("tenants: [{id: acme, name: [Acme]}]", "tenants[0].name", "must be a string")]
    [InlineData("? [a]\n: b", "$", "keys must be strings")]
    public void An_invalid_document_reports_the_error_at_its_path(string yaml, string path, string fragment)
    {
        var result = ConfigParser.Parse(yaml);

        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        AssertHasError(result, path, fragment);
    }

    [Theory]
    [InlineData("- acme\n- globex", "must be a mapping")]
    [InlineData("just text", "must be a mapping")]
    [InlineData("tenants: [", "syntax error at line 2, column 1")]
    [InlineData("tenants:\n  - id: acme\n   name: Acme", "syntax error at line 3")]
    [InlineData("{\"tenants\": [}", "syntax error at line 1")]
    [InlineData("tenants: []\n---\ntenants: []", "expected one document")]
    [InlineData("tenants: *nowhere", "alias '*nowhere' names no anchor")]
    [InlineData("a: &x [1, *x]", "alias '*x' names no anchor")]
    [InlineData(":\n\n\n [\\ -::\"Y\\nr|[.1", "syntax error")]
    [InlineData("!![2f] t", "syntax error")]
    public void A_document_that_cannot_be_read_reports_one_error_at_the_root(string text, string fragment)
    {
        var result = ConfigParser.Parse(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_over_10_MiB_is_refused_before_it_is_read()
    {
        var text = "# " + new string('x', ConfigParser.MaxDocumentBytes);

        var result = ConfigParser.Parse(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal(new ConfigError("$", "the document is larger than 10 MiB"), error);
    }

    [Fact]
    public void The_size_limit_counts_utf8_bytes_not_characters()
    {
        var text = "# " + new string('é', (ConfigParser.MaxDocumentBytes / 2) + 1);

        var result = ConfigParser.Parse(text);

        Assert.Contains("larger than 10 MiB", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_bomb_is_refused_instead_of_expanded()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i <= 9; i++)
        {
            var previous = $"*a{i - 1}";
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(previous, 10))}]");
        }

        var result = ConfigParser.Parse(string.Join('\n', lines));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("expands to more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_overflowing_the_stack()
    {
        var text = "tenants: [{id: acme, name: Acme, campaigns: [{id: c, name: C, metadata: {a: " + new string('[', 100_000) + "]}}]}]";

        var result = ConfigParser.Parse(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("nested deeper than 64 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_in_the_document_is_reported_in_document_order()
    {
        const string yaml = """
            default_region: XX
            tenants:
              - id: Acme
                nmae: Acme Health
                timezone: America/Nowhere
                campaigns:
                  - id: spring
                    name: Spring
                    active: maybe
                    starts_at: 2026-06-01T00:00:00Z
                    ends_at: 2026-03-01T00:00:00Z
                numbers:
                  - number: "+1 800 555 0100"
                    campaign: autumn
                  - number: "not a number"
              - id: globex
                name: Globex
                numbers:
                  - number: "+18005550100"
            """;

        var result = ConfigParser.Parse(yaml);

        Assert.Equal(
            [
                "default_region",
                "tenants[0].nmae",
                "tenants[0].id",
                "tenants[0].name",
                "tenants[0].timezone",
                "tenants[0].campaigns[0].active",
                "tenants[0].campaigns[0].ends_at",
                "tenants[0].numbers[0].campaign",
                "tenants[0].numbers[1].number",
                "tenants[1].numbers[0].number",
            ],
            result.Errors.Select(e => e.Path));
        Assert.Null(result.Config);
    }

    [Fact]
    public void A_national_number_that_fails_names_the_region_it_was_read_in()
    {
        var result = ConfigParser.Parse("tenants: [{id: acme, name: Acme, numbers: [{number: '555 01'}]}]");

        AssertHasError(result, "tenants[0].numbers[0].number", "read as US numbers");
    }

    [Fact]
    public void A_merge_key_is_reported_as_unsupported()
    {
        const string yaml = """
            base: &base {name: Acme}
            tenants:
              - <<: *base
                id: acme
            """;

        var result = ConfigParser.Parse(yaml);

        AssertHasError(result, "tenants[0][\"<<\"]", "merge keys (<<) are not supported");
    }

    private static void AssertHasError(ConfigParseResult result, string path, string fragment) =>
        Assert.True(
            result.Errors.Any(e => e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected an error at '{path}' containing '{fragment}'; got:\n{string.Join('\n', result.Errors)}");
}
