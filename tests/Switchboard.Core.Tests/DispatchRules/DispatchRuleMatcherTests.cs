using Switchboard.Core.DispatchRules;
using Xunit;
using static Switchboard.Core.Tests.DispatchRules.Lk;

namespace Switchboard.Core.Tests.DispatchRules;

public sealed class DispatchRuleMatcherTests
{
    private static readonly DispatchRule CatchAll = Individual("SDR_any", "call");

    // ── NormalizeNumber (§4.2) ──────────────────────────────────────────────────────────────────────────

    [Theory]
    [InlineData("", "")]
    [InlineData("123", "+123")]
    [InlineData("(123) 456 7890", "+1234567890")]
    [InlineData("+1 (555) 000-1111", "+15550001111")]
    [InlineData("15550001111", "+15550001111")]
    [InlineData("+15550001111", "+15550001111")]
    [InlineData("-", "+")]                        // only punctuation still matches the pattern
    [InlineData("anonymous", "anonymous")]
    [InlineData("+", "+")]                        // a lone '+' does not match: unchanged
    [InlineData("1+2", "1+2")]                    // '+' only leads
    [InlineData("++1", "++1")]
    [InlineData("+1.555.000.1111", "+1.555.000.1111")]   // dots are not stripped
    [InlineData("sip:+15550001111", "sip:+15550001111")]
    [InlineData("555\t0001", "555\t0001")]        // a tab is not a space
    [InlineData("٣٤٥", "٣٤٥")]                    // ASCII digits only
    public void NormalizeNumber_strips_only_space_dash_and_parentheses_and_adds_a_plus(string input, string expected)
    {
        var normalized = DispatchRuleMatcher.NormalizeNumber(input);

        Assert.Equal(expected, normalized);
    }

    // ── hide_phone_number (§4.6) ────────────────────────────────────────────────────────────────────────

    [Theory]
    [InlineData("+11112222", "sip_c15a31c71649a522")]
    [InlineData("+14155550123", "sip_36a2cef4ff9bf7a1")]
    [InlineData("+15551234567", "sip_8a59780bb8cd2ba0")]
    [InlineData("15551234567", "sip_d6736136ea896c1b")]
    [InlineData("anonymous", "sip_2f183a4e64493af3")]
    public void Hidden_identity_is_sip_and_16_hex_digits_of_the_sha256_of_the_from_user(string from, string identity)
    {
        var hashed = DispatchRuleMatcher.HiddenIdentity(from);
        var evaluated = Rules([Trunk("ST_t", N1)], CatchAll with { HidePhoneNumber = true }).Evaluate(Call(from, N1)).ParticipantIdentity;

        Assert.Equal(identity, hashed);
        Assert.Equal(identity, evaluated);
    }

    [Theory]
    [InlineData("+11112222", "2222", "call_2222")]
    [InlineData("12345", "2345", "call_2345")]
    [InlineData("1234", "4", "call_4")]           // four characters or fewer: only the last one shows
    [InlineData("7", "7", "call_7")]
    [InlineData("", "", "call_")]
    public void A_hidden_number_shows_its_last_four_characters_in_name_and_room(string from, string masked, string room)
    {
        var rules = Rules([Trunk("ST_t", N1)], CatchAll with { HidePhoneNumber = true, NoRandomness = true });

        var result = rules.Evaluate(Call(from, N1));

        Assert.Equal(("Phone " + masked, room), (result.ParticipantName, result.RoomName));
        Assert.DoesNotContain("sip.phoneNumber", result.Attributes.Keys);
    }

    [Fact]
    public void A_callee_room_never_masks_the_dialed_number()
    {
        var rules = Rules([Trunk("ST_t", N1)], Callee("SDR_c", "line") with { HidePhoneNumber = true });

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal(($"line_{N1}", "Phone 0123"), (result.RoomName, result.ParticipantName));
    }

    // ── room names (§4.6 step 4) ───────────────────────────────────────────────────────────────────────

    [Theory]
    [InlineData(DispatchRuleKind.Individual, "", false, false, $"{A}_{Fixed}")]       // no prefix, no leading underscore
    [InlineData(DispatchRuleKind.Individual, "call", true, false, $"call_{A}")]
    [InlineData(DispatchRuleKind.Individual, "call", false, true, $"call_{A}_{Fixed}")]   // randomize means nothing to Individual
    [InlineData(DispatchRuleKind.Callee, "", false, false, N1)]
    [InlineData(DispatchRuleKind.Callee, "line", false, true, $"line_{N1}_{Fixed}")]
    [InlineData(DispatchRuleKind.Callee, "line", true, false, $"line_{N1}")]            // nor no_randomness to Callee
    [InlineData(DispatchRuleKind.Direct, "conference", false, true, "conference")]
    [InlineData(DispatchRuleKind.Direct, "", false, false, "")]
    public void Room_name_follows_the_kind_prefix_and_randomness(DispatchRuleKind kind, string room, bool noRandomness, bool randomize, string expected)
    {
        var rule = new DispatchRule { Id = "SDR_r", Kind = kind, Room = room, NoRandomness = noRandomness, Randomize = randomize };

        var result = Rules([Trunk("ST_t", N1)], rule).Evaluate(Call(A, N1));

        Assert.Equal(expected, result.RoomName);
    }

    [Fact]
    public void Accept_carries_metadata_rule_attributes_and_agents_and_sip_attributes_win()
    {
        var rule = Individual("SDR_r", "call").WithAgents("sales-agent", "note-taker") with
        {
            Metadata = "{\"tenant\":\"acme\"}",
            Attributes = new Dictionary<string, string> { ["line"] = "sales", ["sip.trunkID"] = "spoofed" },
        };

        var result = Rules([Trunk("ST_t", N1)], rule).Evaluate(Call(A, N1));

        Assert.Equal("{\"tenant\":\"acme\"}", result.ParticipantMetadata);
        Assert.Equal("sales", result.Attributes["line"]);
        Assert.Equal("ST_t", result.Attributes["sip.trunkID"]);
        Assert.Equal(["sales-agent", "note-taker"], result.Agents.Select(a => a.AgentName));
    }

    // ── step A: the trunk (§4.3) ───────────────────────────────────────────────────────────────────────

    [Theory]
    [InlineData("54.172.60.0/30", "54.172.60.3", true)]
    [InlineData("54.172.60.0/30", "54.172.60.4", false)]
    [InlineData("54.172.60.1/30", "54.172.60.2", true)]          // host bits in a CIDR are masked, not refused
    [InlineData("54.172.60.7/32", "54.172.60.7", true)]
    [InlineData("54.172.60.7/32", "54.172.60.6", false)]
    [InlineData("0.0.0.0/0", "198.51.100.1", true)]
    [InlineData("203.0.113.9", "203.0.113.9", true)]
    [InlineData("203.0.113.9", "203.0.113.10", false)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("2001:db8::/127", "2001:db8::1", true)]
    [InlineData("2001:db8::/128", "2001:db8::1", false)]
    [InlineData("2001:DB8::1", "2001:db8::1", true)]             // parsed, not compared as text
    [InlineData("54.172.60.0/24", "2001:db8::1", false)]         // families never match
    [InlineData("::/0", "54.172.60.1", false)]
    [InlineData("54.172.60.0/33", "54.172.60.1", false)]         // not a CIDR, so a host name that is not the From host
    [InlineData("054.172.60.1", "54.172.60.1", false)]           // no leading zeros in an IPv4 address
    [InlineData("54.172.60", "54.172.0.60", false)]              // nor shorthand
    public void Allowed_addresses_match_an_ip_or_a_cidr_range_of_the_source(string entry, string source, bool allowed)
    {
        var rules = Rules([new InboundTrunk { Id = "ST_ip", AllowedAddresses = [entry] }], CatchAll);

        var result = rules.Evaluate(Call(A, N1, source, host: "sip.example.net"));

        Assert.Equal(allowed ? "ST_ip" : null, result.TrunkId);
    }

    [Theory]
    [InlineData("sip.example.net", "sip.example.net", true)]
    [InlineData("sip.example.net", "SIP.example.net", false)]   // compared exactly
    [InlineData("sip.example.net", "other.example.net", false)]
    public void An_allowed_address_that_is_a_host_name_matches_the_from_host(string entry, string fromHost, bool allowed)
    {
        var rules = Rules([new InboundTrunk { Id = "ST_host", AllowedAddresses = [entry] }], CatchAll);

        var result = rules.Evaluate(Call(A, N1, "198.51.100.7", fromHost));

        Assert.Equal(allowed ? "ST_host" : null, result.TrunkId);
    }

    [Theory]
    [InlineData("54.172.60.0/30, 54.244.51.0/30")]
    [InlineData("54.172.60.0/30 ")]
    [InlineData("sip://54.172.60.1")]
    [InlineData("(54.172.60.1)")]
    [InlineData("*.twilio.com")]
    [InlineData("+15550001111")]
    [InlineData("a;b")]
    public void Malformed_allowed_addresses_are_ignored_so_an_all_malformed_list_allows_any_source(string entry)
    {
        var rules = Rules([new InboundTrunk { Id = "ST_open", AllowedAddresses = [entry] }], CatchAll);

        var result = rules.Evaluate(Call(A, N1, "198.51.100.7"));

        Assert.Equal("ST_open", result.TrunkId);
    }

    [Fact]
    public void A_malformed_entry_beside_a_valid_one_leaves_the_valid_one_in_force()
    {
        var rules = Rules([new InboundTrunk { Id = "ST_ip", AllowedAddresses = ["1.2.3.4, 5.6.7.8", "54.172.60.0/30"] }], CatchAll);

        var inside = rules.Evaluate(Call(A, N1, "54.172.60.1")).TrunkId;
        var outside = rules.Evaluate(Call(A, N1, "1.2.3.4")).TrunkId;

        Assert.Equal(("ST_ip", (string?)null), (inside, outside));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-ip")]
    [InlineData("54.172.60.1:5060")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[2001:db8::1]:5060")]
    public void When_the_source_is_not_an_ip_the_address_check_passes(string source)
    {
        var rules = Rules([new InboundTrunk { Id = "ST_ip", AllowedAddresses = ["54.172.60.0/30"] }], CatchAll);

        var result = rules.Evaluate(Call(A, N1, source, host: "sip.example.net"));

        Assert.Equal("ST_ip", result.TrunkId);
    }

    [Theory]
    [InlineData("+15550001111", "15550001111", true)]
    [InlineData("1 (555) 000-1111", N1, true)]
    [InlineData("+15550001111", "+1 555 000 1111", true)]
    [InlineData("+15550001111", "+15550001112", false)]
    [InlineData("+15550001111", "0015550001111", false)]     // not E.164: NormalizeNumber knows no international prefix
    [InlineData("line-1", "line-1", true)]
    public void Trunk_numbers_match_the_dialed_number_after_normalising_both(string trunkNumber, string dialed, bool matches)
    {
        var rules = Rules([Trunk("ST_t", trunkNumber)], CatchAll);

        var result = rules.Evaluate(Call(A, dialed));

        Assert.Equal(matches ? TrunkMatch.Specific : TrunkMatch.None, result.TrunkMatch);
    }

    [Fact]
    public void A_specific_trunk_wins_over_a_default_one_whatever_the_ids()
    {
        var rules = Rules([new InboundTrunk { Id = "ST_a_default", AllowedAddresses = ["0.0.0.0/0"] }, Trunk("ST_z", N1)], CatchAll);

        var result = rules.Evaluate(Call(A, N1, "198.51.100.7"));

        Assert.Equal((TrunkMatch.Specific, "ST_z"), (result.TrunkMatch, result.TrunkId));
    }

    [Fact]
    public void Two_default_trunks_are_a_conflict_only_when_both_accept_the_call()
    {
        var rules = Rules([new InboundTrunk { Id = "ST_d1", AllowedNumbers = [A] }, new InboundTrunk { Id = "ST_d2", AllowedNumbers = [B] }], CatchAll);

        var a = rules.Evaluate(Call(A, N1));
        var b = rules.Evaluate(Call(B, N1));

        Assert.Equal((TrunkMatch.Default, "ST_d1"), (a.TrunkMatch, a.TrunkId));
        Assert.Equal((TrunkMatch.Default, "ST_d2"), (b.TrunkMatch, b.TrunkId));
    }

    [Fact]
    public void A_trunk_listing_one_number_in_two_forms_is_one_match()
    {
        var rules = Rules([Trunk("ST_t", N1, "15550001111")], CatchAll);

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal((DispatchOutcome.Accept, "ST_t"), (result.Outcome, result.TrunkId));
    }

    [Fact]
    public void A_trunk_conflict_names_the_dialed_value_as_received()
    {
        var rules = Rules([Trunk("ST_1", N1), Trunk("ST_2", "1 555 000 1111")], CatchAll);

        var result = rules.Evaluate(Call(A, "15550001111"));

        Assert.Equal((DispatchOutcome.Error, TrunkMatch.Conflict, "Multiple SIP Trunks matched for \"15550001111\""), (result.Outcome, result.TrunkMatch, result.Error));
    }

    // ── step B: the rule (§4.4) ────────────────────────────────────────────────────────────────────────

    [Fact]
    public void With_no_trunk_only_rules_without_trunk_ids_can_match()
    {
        var rules = Rules([], Individual("SDR_bound", "bound", "ST_t") with { Numbers = [N1] }, Individual("SDR_wild", "wild"));

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal((TrunkMatch.None, "SDR_wild"), (result.TrunkMatch, result.RuleId));
    }

    [Fact]
    public void Rule_filters_are_exact_strings_unlike_trunk_filters()
    {
        var rules = Rules([Trunk("ST_t", N1)], Individual("SDR_caller", "c") with { InboundNumbers = ["14155550123"] });

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal(DispatchOutcome.Drop, result.Outcome);
    }

    [Fact]
    public void Specific_beats_default_even_when_the_default_has_every_filter()
    {
        var rules = Rules([Trunk("ST_t", N1)],
            Direct("SDR_a", "filtered", "1") with { InboundNumbers = [A], Numbers = [N1] },     // priority 0
            Individual("SDR_b", "bound", "ST_t"));                                                // priority 2101

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal("SDR_b", result.RuleId);
    }

    [Theory]
    [InlineData(new[] { "SDR_a", "SDR_b" }, "SDR_a")]
    [InlineData(new[] { "SDR_b", "SDR_a" }, "SDR_a")]   // the list order does not matter: ids are sorted
    [InlineData(new[] { "SDR_a", "SDR_B" }, "SDR_B")]   // ordinal: upper case sorts first
    public void A_full_tie_goes_to_the_smaller_rule_id(string[] ids, string winner)
    {
        var rules = Rules([Trunk("ST_t", N1)], [.. ids.Select(id => Individual(id, "same") with { InboundNumbers = id == ids[0] ? [A] : [], Numbers = id == ids[0] ? [] : [N1] })]);

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal(winner, result.RuleId);
    }

    [Theory]
    [InlineData("b", "a", "SDR_2")]
    [InlineData("a", "b", "SDR_1")]
    [InlineData("B", "a", "SDR_1")]       // ordinal: 'B' < 'a'
    [InlineData("", "a", "SDR_1")]        // the empty prefix is the smallest
    public void A_priority_tie_goes_to_the_smaller_room_string(string room1, string room2, string winner)
    {
        var rules = Rules([Trunk("ST_t", N1)],
            Individual("SDR_1", room1) with { InboundNumbers = [A] },
            Individual("SDR_2", room2) with { Numbers = [N1] });

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal(winner, result.RuleId);
    }

    [Fact]
    public void Direct_rules_tie_break_on_the_room_name()
    {
        var rules = Rules([Trunk("ST_t", N1)], Direct("SDR_1", "zoo") with { InboundNumbers = [A] }, Direct("SDR_2", "aquarium") with { Numbers = [N1] });

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal(("SDR_2", "aquarium"), (result.RuleId, result.RoomName));
    }

    [Theory]
    [InlineData(DispatchRuleKind.Direct, DispatchRuleKind.Individual, "SDR_first")]
    [InlineData(DispatchRuleKind.Individual, DispatchRuleKind.Callee, "SDR_first")]
    [InlineData(DispatchRuleKind.Callee, DispatchRuleKind.Direct, "SDR_second")]
    public void At_equal_filters_and_pin_the_kind_decides_direct_then_individual_then_callee(DispatchRuleKind first, DispatchRuleKind second, string winner)
    {
        var rules = Rules([Trunk("ST_t", N1)],
            new DispatchRule { Id = "SDR_first", Kind = first, Room = "z", InboundNumbers = [A] },
            new DispatchRule { Id = "SDR_second", Kind = second, Room = "a", Numbers = [N1] });

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal(winner, result.RuleId);
    }

    [Fact]
    public void Each_number_filter_outranks_any_kind_or_pin_difference()
    {
        var rules = Rules([Trunk("ST_t", N1)],
            Direct("SDR_pin", "vip", "1"),                                        // 1000 + 1000 + 0
            Callee("SDR_caller", "c") with { InboundNumbers = [A] });             // 1000 + 102

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal("SDR_caller", result.RuleId);
    }

    // ── PIN flows ─────────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public void With_only_pin_rules_pressing_hash_alone_matches_nothing()
    {
        var rules = Rules([Trunk("ST_t", N1)], Direct("SDR_pin", "vip", "4321"));

        var result = rules.Evaluate(Call(A, N1) with { NoPin = true });

        Assert.Equal(DispatchOutcome.Drop, result.Outcome);
    }

    [Fact]
    public void With_only_open_rules_an_entered_pin_matches_nothing()
    {
        var rules = Rules([Trunk("ST_t", N1)], Direct("SDR_open", "lobby"));

        var result = rules.Evaluate(Call(A, N1) with { Pin = "4321" });

        Assert.Equal(DispatchOutcome.Drop, result.Outcome);
    }

    [Fact]
    public void Each_pin_opens_its_own_rule_after_the_best_one_asked_for_a_pin()
    {
        var rules = Rules([Trunk("ST_t", N1)], Direct("SDR_1", "red", "1111"), Direct("SDR_2", "blue", "2222"));

        var first = rules.Evaluate(Call(A, N1));
        var red = rules.Evaluate(Call(A, N1) with { Pin = "1111" });
        var blue = rules.Evaluate(Call(A, N1) with { Pin = "2222" });

        Assert.Equal((DispatchOutcome.RequestPin, "SDR_2"), (first.Outcome, first.RuleId));   // tie on priority: "blue" < "red"
        Assert.Equal((DispatchOutcome.Accept, "red"), (red.Outcome, red.RoomName));
        Assert.Equal((DispatchOutcome.Accept, "blue"), (blue.Outcome, blue.RoomName));
    }

    [Fact]
    public void Request_pin_builds_no_room_and_draws_no_suffix()
    {
        var rules = Rules([Trunk("ST_t", N1)], Individual("SDR_pin", "vip") with { Pin = "9" });
        var draws = 0;

        var result = new DispatchRuleMatcher(rules).Evaluate(Call(A, N1), () => (++draws).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DispatchOutcome.RequestPin, result.Outcome);
        Assert.Null(result.RoomName);
        Assert.Empty(result.Attributes);
        Assert.Equal(0, draws);
    }

    // ── conflicts at match time ───────────────────────────────────────────────────────────────────────

    [Fact]
    public void A_conflict_among_the_candidates_fails_even_when_another_rule_would_match()
    {
        var rules = Rules([Trunk("ST_t", N1)],
            Individual("SDR_2", "x") with { InboundNumbers = ["+1 415 555 0123"] },
            Individual("SDR_1", "y") with { InboundNumbers = [A] },
            Individual("SDR_3", "z", "ST_t"));

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal(DispatchOutcome.Error, result.Outcome);
        Assert.EndsWith("already exists in dispatch rule \"SDR_1\" \"\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Conflicting_rules_bound_to_another_trunk_are_not_candidates()
    {
        var rules = Rules([Trunk("ST_a", N1), Trunk("ST_b", N2)],
            Individual("SDR_1", "x", "ST_b"), Individual("SDR_2", "y", "ST_b"), Individual("SDR_3", "z", "ST_a"));

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal((DispatchOutcome.Accept, "SDR_3"), (result.Outcome, result.RuleId));
    }

    [Fact]
    public void No_trunks_and_no_rules_drops_the_call()
    {
        var result = LiveKitRules.Empty.Evaluate(Call(A, N1));

        Assert.Equal((DispatchOutcome.Drop, TrunkMatch.None), (result.Outcome, result.TrunkMatch));
    }
}
