using Switchboard.Core.DispatchRules;
using Xunit;
using static Switchboard.Core.Tests.DispatchRules.Lk;

namespace Switchboard.Core.Tests.DispatchRules;

/// <summary>
/// Every worked example of livekit.md §4.8 (E1-E17), each call its own case, every stated field asserted. A room written
/// with <c>&lt;rnd&gt;</c> is checked twice: exactly with an injected suffix, and by pattern with a real random one.
/// </summary>
public sealed class WorkedExampleTests
{
    private static readonly InboundTrunk StT = Trunk("ST_t", N1);
    private static readonly InboundTrunk E3Spec = Trunk("ST_spec", N1);
    private static readonly InboundTrunk E3Wild = new() { Id = "ST_wild", AllowedAddresses = ["54.172.60.0/30"] };
    private static readonly DispatchRule E9Open = Direct("SDR_open", "lobby");
    private static readonly DispatchRule E9Pin = Direct("SDR_pin", "vip", "4321");
    private static readonly DispatchRule E15Rule = Individual("SDR_r", "call") with { NoRandomness = true };
    private static readonly LiveKitRules E3 = Rules([E3Spec, E3Wild], Individual("SDR_any", "call"));
    private static readonly LiveKitRules E4 = Rules([StT with { Id = "ST_1", AllowedNumbers = [A] }, Trunk("ST_2", N1)], Individual("SDR_x", "call"));
    private static readonly LiveKitRules E6 = Rules([StT], Individual("SDR_vip", "vip") with { InboundNumbers = [A] }, Individual("SDR_all", "call"));
    private static readonly LiveKitRules E7 = Rules([Trunk("ST_shared", N1, N2)],
        Individual("SDR_sales", "sales", "ST_shared") with { Numbers = [N1] },
        Individual("SDR_support", "support", "ST_shared") with { Numbers = [N2] });

    private static readonly LiveKitRules E9 = Rules([StT], E9Open, E9Pin);
    private static readonly LiveKitRules E14 = Rules([StT with { AllowedNumbers = ["+14155550123"] }], Individual("SDR_r", "call", "ST_t"));

    private static readonly Dictionary<string, Example> Examples = new(StringComparer.Ordinal)
    {
        ["E1"] = new(Rules([Trunk("ST_sales", N1)], Individual("SDR_sales", "call", "ST_sales")), Call(A, N1, host: "54.172.60.1"),
            DispatchOutcome.Accept, "ST_sales", "SDR_sales", $"call_{A}_<rnd>", $"sip_{A}", $"Phone {A}",
            Attributes: Shown("ST_sales", "SDR_sales", A, N1, "54.172.60.1")),
        ["E2a"] = new(Rules([Trunk("ST_a", "15550001111")], Individual("SDR_a", "call", "ST_a") with { Numbers = ["15550001111"] }), Call(A, N1),
            DispatchOutcome.Drop, "ST_a"),
        ["E2b"] = new(Rules([Trunk("ST_a", "15550001111")], Individual("SDR_a", "call", "ST_a") with { Numbers = ["+15550001111"] }), Call(A, N1),
            DispatchOutcome.Accept, "ST_a", "SDR_a", $"call_{A}_<rnd>", $"sip_{A}", $"Phone {A}", Attributes: Shown("ST_a", "SDR_a", A, "+15550001111")),
        ["E3a"] = new(E3, Call(A, N1, "203.0.113.9", "203.0.113.9"),
            DispatchOutcome.Accept, "ST_spec", "SDR_any", $"call_{A}_<rnd>", $"sip_{A}", $"Phone {A}", Attributes: Shown("ST_spec", "SDR_any", A, N1, "203.0.113.9")),
        ["E3b"] = new(E3, Call(A, N3, "54.172.60.2", "54.172.60.2"),
            DispatchOutcome.Accept, "ST_wild", "SDR_any", $"call_{A}_<rnd>", $"sip_{A}", $"Phone {A}", Attributes: Shown("ST_wild", "SDR_any", A, N3, "54.172.60.2")),
        ["E3c"] = new(E3, Call(A, N3, "203.0.113.9", "203.0.113.9"),
            DispatchOutcome.Accept, null, "SDR_any", $"call_{A}_<rnd>", $"sip_{A}", $"Phone {A}", Attributes: Shown("", "SDR_any", A, N3, "203.0.113.9")),
        ["E4 A"] = new(E4, Call(A, N1), DispatchOutcome.Error, Error: "Multiple SIP Trunks matched for \"+15550001111\""),
        ["E4 B"] = new(E4, Call(B, N1),
            DispatchOutcome.Accept, "ST_2", "SDR_x", $"call_{B}_<rnd>", $"sip_{B}", $"Phone {B}", Attributes: Shown("ST_2", "SDR_x", B, N1)),
        ["E5"] = new(Rules([StT], Direct("SDR_w", "vip", "123"), Individual("SDR_s", "call", "ST_t")), Call(A, N1),
            DispatchOutcome.Accept, "ST_t", "SDR_s", $"call_{A}_<rnd>", $"sip_{A}", $"Phone {A}", Attributes: Shown("ST_t", "SDR_s", A, N1)),
        ["E6 A"] = new(E6, Call(A, N1),
            DispatchOutcome.Accept, "ST_t", "SDR_vip", $"vip_{A}_<rnd>", $"sip_{A}", $"Phone {A}", Attributes: Shown("ST_t", "SDR_vip", A, N1)),
        ["E6 B"] = new(E6, Call(B, N1),
            DispatchOutcome.Accept, "ST_t", "SDR_all", $"call_{B}_<rnd>", $"sip_{B}", $"Phone {B}", Attributes: Shown("ST_t", "SDR_all", B, N1)),
        ["E7 N2"] = new(E7, Call(A, N2),
            DispatchOutcome.Accept, "ST_shared", "SDR_support", $"support_{A}_<rnd>", $"sip_{A}", $"Phone {A}", Attributes: Shown("ST_shared", "SDR_support", A, N2)),
        ["E7 N3"] = new(E7, Call(A, N3), DispatchOutcome.Drop),
        ["E8"] = new(Rules([StT], Direct("SDR_m", "room", "", "ST_t") with { InboundNumbers = [N1] }), Call(A, N1), DispatchOutcome.Drop, "ST_t"),
        ["E9 first"] = new(E9, Call(A, N1), DispatchOutcome.RequestPin, "ST_t", "SDR_pin"),
        ["E9 4321#"] = new(E9, Call(A, N1) with { Pin = "4321" },
            DispatchOutcome.Accept, "ST_t", "SDR_pin", "vip", $"sip_{A}", $"Phone {A}", Attributes: Shown("ST_t", "SDR_pin", A, N1)),
        ["E9 #"] = new(E9, Call(A, N1) with { NoPin = true },
            DispatchOutcome.Accept, "ST_t", "SDR_open", "lobby", $"sip_{A}", $"Phone {A}", Attributes: Shown("ST_t", "SDR_open", A, N1)),
        ["E9 1111#"] = new(E9, Call(A, N1) with { Pin = "1111" }, DispatchOutcome.Drop, "ST_t"),
        ["E10"] = new(Rules([StT], Individual("SDR_h", "call") with { NoRandomness = true, HidePhoneNumber = true }), Call(A, N1),
            DispatchOutcome.Accept, "ST_t", "SDR_h", "call_0123", "sip_36a2cef4ff9bf7a1", "Phone 0123", Attributes: Hidden("ST_t", "SDR_h")),
        ["E11"] = new(Rules([StT], Callee("SDR_c", "line")), Call(A, N1),
            DispatchOutcome.Accept, "ST_t", "SDR_c", $"line_{N1}", $"sip_{A}", $"Phone {A}", Attributes: Shown("ST_t", "SDR_c", A, N1)),
        ["E11 other caller"] = new(Rules([StT], Callee("SDR_c", "line")), Call(B, N1),
            DispatchOutcome.Accept, "ST_t", "SDR_c", $"line_{N1}", $"sip_{B}", $"Phone {B}", Attributes: Shown("ST_t", "SDR_c", B, N1)),
        ["E12 at match time"] = new(Rules([StT], Individual("SDR_1", "a"), Direct("SDR_2", "b")), Call(A, N1), DispatchOutcome.Error, "ST_t",
            Error: "Dispatch rule for the same trunk, inbound number, number, and PIN combination already exists in dispatch rule \"SDR_1\" \"\""),
        ["E13"] = new(Rules([StT], Individual("SDR_1", "zeta", "ST_t") with { Numbers = [N1] }, Individual("SDR_2", "alpha", "ST_t") with { InboundNumbers = [A] }),
            Call(A, N1), DispatchOutcome.Accept, "ST_t", "SDR_2", $"alpha_{A}_<rnd>", $"sip_{A}", $"Phone {A}", Attributes: Shown("ST_t", "SDR_2", A, N1)),
        ["E14 allowed"] = new(E14, Call("14155550123", N1),
            DispatchOutcome.Accept, "ST_t", "SDR_r", "call_14155550123_<rnd>", "sip_14155550123", "Phone 14155550123", Attributes: Shown("ST_t", "SDR_r", "14155550123", N1)),
        ["E14 not allowed"] = new(E14, Call("+14155559999", N1), DispatchOutcome.Drop),
        ["E15"] = new(Rules([StT], E15Rule), Call("anonymous", N1),
            DispatchOutcome.Accept, "ST_t", "SDR_r", "call_anonymous", "sip_anonymous", "Phone anonymous", Attributes: Shown("ST_t", "SDR_r", "anonymous", N1)),
        ["E15 hidden"] = new(Rules([StT], E15Rule with { HidePhoneNumber = true }), Call("anonymous", N1),
            DispatchOutcome.Accept, "ST_t", "SDR_r", "call_mous", "sip_2f183a4e64493af3", "Phone mous", Attributes: Hidden("ST_t", "SDR_r")),
        ["E16"] = new(Rules([Trunk("ST_a", N1), Trunk("ST_b", N2)], Individual("SDR_b", "b", "ST_b"), Individual("SDR_w", "w")), Call(A, N1),
            DispatchOutcome.Accept, "ST_a", "SDR_w", $"w_{A}_<rnd>", $"sip_{A}", $"Phone {A}", Attributes: Shown("ST_a", "SDR_w", A, N1)),
        ["E17"] = new(Rules([Trunk("ST_d1"), Trunk("ST_d2")], Individual("SDR_w", "w")), Call(A, N1), DispatchOutcome.Error, Error: "Multiple default SIP Trunks matched"),
    };

    public static TheoryData<string> Names { get; } = new(Examples.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Worked_example_gives_the_stated_outcome_trunk_rule_and_participant(string name)
    {
        var example = Examples[name];

        var result = example.Rules.Evaluate(example.Call, Fixed);

        Assert.Equal(example.Outcome, result.Outcome);
        Assert.Equal(example.Error, result.Error);
        Assert.Equal(example.Trunk, result.TrunkId);
        Assert.Equal(example.Rule, result.RuleId);
        Assert.Equal(example.Room?.Replace("<rnd>", Fixed, StringComparison.Ordinal), result.RoomName);
        Assert.Equal(example.Identity, result.ParticipantIdentity);
        Assert.Equal(example.Name, result.ParticipantName);
        Assert.Equal(example.Attributes ?? [], result.Attributes);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Worked_example_draws_a_random_suffix_exactly_when_the_room_has_one(string name)
    {
        var example = Examples[name];
        var draws = 0;

        var result = new DispatchRuleMatcher(example.Rules).Evaluate(example.Call, () =>
        {
            draws++;
            return RandomSuffix();
        });

        Assert.Equal(example.Room?.Contains("<rnd>", StringComparison.Ordinal) == true ? 1 : 0, draws);
        if (example.Room is { } room)
        {
            Assert.Matches(RoomPattern(room), result.RoomName);
        }
        else
        {
            Assert.Null(result.RoomName);
        }
    }

    [Fact]
    public void E9_a_wrong_pin_matches_no_rule_even_though_an_open_rule_exists()
    {
        var result = E9.Evaluate(Call(A, N1) with { Pin = "1111" });

        Assert.Equal(DispatchOutcome.Drop, result.Outcome);
        Assert.Null(result.Rule);
    }

    [Fact]
    public void E11_every_caller_to_the_number_lands_in_the_same_room()
    {
        var rules = Rules([StT], Callee("SDR_c", "line"));

        var rooms = new[] { A, B, "anonymous" }.Select(caller => rules.Evaluate(Call(caller, N1), RandomSuffix()).RoomName).Distinct().ToList();

        Assert.Equal([$"line_{N1}"], rooms);
    }

    [Fact]
    public void E16_a_rule_bound_to_another_trunk_is_not_a_candidate()
    {
        var rules = Rules([Trunk("ST_a", N1), Trunk("ST_b", N2)], Individual("SDR_b", "b", "ST_b"));

        var result = rules.Evaluate(Call(A, N1));

        Assert.Equal((DispatchOutcome.Drop, "ST_a"), (result.Outcome, result.TrunkId));
    }

    /// <summary>One call of one example; <paramref name="Room"/> writes the random suffix as <c>&lt;rnd&gt;</c>.</summary>
    private sealed record Example(
        LiveKitRules Rules,
        DispatchRequest Call,
        DispatchOutcome Outcome,
        string? Trunk = null,
        string? Rule = null,
        string? Room = null,
        string? Identity = null,
        string? Name = null,
        string? Error = null,
        Dictionary<string, string>? Attributes = null);
}
