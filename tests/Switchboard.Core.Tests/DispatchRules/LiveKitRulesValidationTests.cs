using Switchboard.Core.DispatchRules;
using Xunit;
using static Switchboard.Core.Tests.DispatchRules.Lk;

namespace Switchboard.Core.Tests.DispatchRules;

public sealed class LiveKitRulesValidationTests
{
    private const string SameKey = "Dispatch rule for the same trunk, inbound number, number, and PIN combination already exists in dispatch rule ";

    [Fact]
    public void E12_a_second_rule_for_the_same_key_conflicts_whatever_its_kind()
    {
        var rules = Rules([], Individual("SDR_1", "a") with { Name = "catch all" }, Direct("SDR_new", "b"));

        var errors = LiveKitRulesValidation.Validate(rules);

        var error = Assert.Single(errors);
        Assert.Equal(("dispatch_rules[1]", SameKey + "\"SDR_1\" \"catch all\""), (error.Path, error.Message));
    }

    [Theory]
    [InlineData(new[] { A }, new[] { "+1 (415) 555-0123" }, true)]        // keys use normalised numbers
    [InlineData(new[] { A }, new[] { "14155550123" }, true)]
    [InlineData(new[] { A }, new[] { B }, false)]
    [InlineData(new[] { A, B }, new[] { B }, true)]                        // one shared key is enough
    [InlineData(new string[0], new[] { B }, false)]                        // the wildcard is its own key
    public void Rules_conflict_when_their_caller_filters_share_a_normalised_number(string[] first, string[] second, bool conflict)
    {
        var rules = Rules([], Individual("SDR_1", "a") with { InboundNumbers = first }, Individual("SDR_2", "b") with { InboundNumbers = second });

        var errors = LiveKitRulesValidation.Validate(rules);

        Assert.Equal(conflict, errors.Count == 1);
    }

    [Theory]
    [InlineData(new[] { "ST_a" }, new[] { "ST_a", "ST_b" }, "", "", true)]
    [InlineData(new[] { "ST_a" }, new[] { "ST_b" }, "", "", false)]
    [InlineData(new string[0], new[] { "ST_a" }, "", "", false)]          // any trunk and one trunk are different keys
    [InlineData(new[] { "ST_a" }, new[] { "ST_a" }, "1234", "", false)]   // the PIN is part of the key
    [InlineData(new[] { "ST_a" }, new[] { "ST_a" }, "1234", "1234", true)]
    public void Rules_conflict_on_trunk_and_pin(string[] firstTrunks, string[] secondTrunks, string firstPin, string secondPin, bool conflict)
    {
        var rules = Rules([], Direct("SDR_1", "a", firstPin, firstTrunks), Direct("SDR_2", "b", secondPin, secondTrunks));

        var errors = LiveKitRulesValidation.Validate(rules);

        Assert.Equal(conflict, errors.Count == 1);
    }

    [Fact]
    public void Rules_with_the_same_dialed_number_in_two_forms_conflict()
    {
        var rules = Rules([], Individual("SDR_1", "a") with { Numbers = [N1] }, Individual("SDR_2", "b") with { Numbers = ["1-555-000-1111"] });

        var errors = LiveKitRulesValidation.Validate(rules);

        Assert.Equal("dispatch_rules[1]", Assert.Single(errors).Path);
    }

    [Fact]
    public void A_rule_repeating_its_own_entries_does_not_conflict_with_itself()
    {
        var rules = Rules([], Individual("SDR_1", "a", "ST_a", "ST_a") with { Numbers = [N1, "15550001111"] });

        var errors = LiveKitRulesValidation.Validate(rules);

        Assert.Empty(errors);
    }

    [Fact]
    public void Each_conflicting_rule_is_reported_once_against_the_first_holder()
    {
        var rules = Rules([], Individual("SDR_1", "a"), Individual("SDR_2", "b"), Individual("SDR_3", "c"));

        var errors = LiveKitRulesValidation.Validate(rules);

        Assert.Equal(
            [("dispatch_rules[1]", SameKey + "\"SDR_1\" \"\""), ("dispatch_rules[2]", SameKey + "\"SDR_1\" \"\"")],
            errors.Select(e => (e.Path, e.Message)));
    }

    [Theory]
    [InlineData(new[] { N1 }, new[] { N1 }, new string[0], new string[0], "using the same number +15550001111 and any caller (no allowed_numbers)")]
    [InlineData(new[] { N1 }, new[] { "1 555 000 1111" }, new string[0], new string[0], "using the same number +15550001111 and any caller (no allowed_numbers)")]
    [InlineData(new[] { N1 }, new[] { N1, N2 }, new[] { A }, new[] { "14155550123" }, "using the same number +15550001111 and the same allowed number +14155550123")]
    [InlineData(new string[0], new string[0], new string[0], new string[0], "both accepting any number (no numbers) and any caller (no allowed_numbers)")]
    public void Trunks_conflict_when_a_number_and_its_callers_overlap(string[] numbers1, string[] numbers2, string[] callers1, string[] callers2, string why)
    {
        var rules = Rules(
        [
            new InboundTrunk { Id = "ST_1", Numbers = numbers1, AllowedNumbers = callers1, AuthUsername = "u", AuthPassword = "p" },
            new InboundTrunk { Id = "ST_2", Numbers = numbers2, AllowedNumbers = callers2, AuthUsername = "u", AuthPassword = "p" },
        ]);

        var errors = LiveKitRulesValidation.Validate(rules);

        var error = Assert.Single(errors);
        Assert.Equal(("trunks[1]", $"Conflicting inbound SIP Trunks: \"ST_1\" and \"ST_2\", {why}"), (error.Path, error.Message));
    }

    [Theory]
    [InlineData(new[] { N1 }, new[] { N2 }, new string[0], new string[0])]
    [InlineData(new[] { N1 }, new[] { N1 }, new[] { A }, new[] { B })]       // disjoint callers
    [InlineData(new[] { N1 }, new[] { N1 }, new[] { A }, new string[0])]     // E4: passes validation, fails at match time for A
    public void Trunks_that_keep_numbers_or_callers_apart_do_not_conflict(string[] numbers1, string[] numbers2, string[] callers1, string[] callers2)
    {
        var rules = Rules([new InboundTrunk { Id = "ST_1", Numbers = numbers1, AllowedNumbers = callers1 }, new InboundTrunk { Id = "ST_2", Numbers = numbers2, AllowedNumbers = callers2 }]);

        var errors = LiveKitRulesValidation.Validate(rules);

        Assert.Empty(errors);
    }

    [Fact]
    public void One_trunk_may_list_a_number_in_two_forms()
    {
        var errors = LiveKitRulesValidation.Validate(Rules([Trunk("ST_t", "+52155500011", "52155500011")]));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("", "", false, false)]
    [InlineData("user", "", false, false)]             // a username alone is not auth
    [InlineData("user", "secret", false, true)]
    [InlineData("", "", true, true)]
    public void A_trunk_needs_numbers_addresses_or_auth(string username, string password, bool addresses, bool valid)
    {
        var trunk = new InboundTrunk { Id = "ST_t", AuthUsername = username, AuthPassword = password, AllowedAddresses = addresses ? ["54.172.60.0/30"] : [] };

        var errors = LiveKitRulesValidation.Validate(Rules([trunk]));

        Assert.Equal(valid ? [] : ["trunks[0]"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Warnings_name_the_pitfalls_with_their_paths()
    {
        var rules = Rules(
            [new InboundTrunk { Id = "ST_t", Numbers = [N1], AllowedAddresses = ["54.172.60.0/30, 54.244.51.0/30"] }],
            Individual("SDR_1", "a", "ST_gone").WithAgents("agent"),
            Individual("SDR_2", "b") with { InboundNumbers = [N1] },
            Individual("SDR_3", "c", "ST_t") with { Numbers = ["15550001111"] });

        var warnings = LiveKitRulesValidation.Warnings(rules);

        Assert.Equal(
        [
            "trunks[0].allowed_addresses[0]",
            "dispatch_rules[0].trunk_ids[0]",
            "dispatch_rules[1].inbound_numbers[0]",
            "dispatch_rules[1]",
            "dispatch_rules[2].numbers[0]",
            "dispatch_rules[2]",
        ], warnings.Select(w => w.Path));
        Assert.Contains("any address is allowed", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("inbound_numbers filters the caller", warnings[2].Message, StringComparison.Ordinal);
        Assert.Contains("no named agent", warnings[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_setup_has_no_warnings()
    {
        var rules = Rules([new InboundTrunk { Id = "ST_t", Numbers = [N1], AllowedAddresses = ["54.172.60.0/30"] }], Individual("SDR_1", "call", "ST_t").WithAgents("agent"));

        var warnings = LiveKitRulesValidation.Warnings(rules);

        Assert.Empty(warnings);
    }
}
