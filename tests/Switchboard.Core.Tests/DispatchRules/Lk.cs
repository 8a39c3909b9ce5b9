using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Switchboard.Core.DispatchRules;

namespace Switchboard.Core.Tests.DispatchRules;

/// <summary>The values of livekit.md §4.8 and short builders for trunks, rules and calls (fictional 555 numbers only).</summary>
internal static class Lk
{
    /// <summary>Caller A.</summary>
    public const string A = "+14155550123";

    /// <summary>Caller B.</summary>
    public const string B = "+12125550199";

    public const string N1 = "+15550001111";

    public const string N2 = "+15550002222";

    public const string N3 = "+15550009999";

    /// <summary>The From host every call has unless a test says otherwise.</summary>
    public const string Host = "54.172.60.1";

    public const string CallId = "SCL_9fTzQm4WkP2d";

    /// <summary>The suffix a deterministic evaluation draws.</summary>
    public const string Fixed = "Ab3dEf6hJk9m";

    public static InboundTrunk Trunk(string id, params string[] numbers) => new() { Id = id, Numbers = numbers };

    public static DispatchRule Direct(string id, string room, string pin = "", params string[] trunks) =>
        new() { Id = id, Kind = DispatchRuleKind.Direct, Room = room, Pin = pin, TrunkIds = trunks };

    public static DispatchRule Individual(string id, string prefix, params string[] trunks) =>
        new() { Id = id, Kind = DispatchRuleKind.Individual, Room = prefix, TrunkIds = trunks };

    public static DispatchRule Callee(string id, string prefix, params string[] trunks) =>
        new() { Id = id, Kind = DispatchRuleKind.Callee, Room = prefix, TrunkIds = trunks };

    public static DispatchRule WithAgents(this DispatchRule rule, params string[] agents) =>
        rule with { RoomConfig = new RoomConfiguration { Agents = [.. agents.Select(a => new RoomAgentDispatch { AgentName = a })] } };

    public static LiveKitRules Rules(InboundTrunk[] trunks, params DispatchRule[] rules) => new(trunks, rules);

    public static DispatchRequest Call(string from, string to, string? sourceIp = null, string host = Host) =>
        new() { Calling = from, Called = to, CallingHost = host, SourceIp = sourceIp ?? "", CallId = CallId };

    public static DispatchResult Evaluate(this LiveKitRules rules, DispatchRequest call, string suffix = Fixed) =>
        new DispatchRuleMatcher(rules).Evaluate(call, () => suffix);

    /// <summary>A real random suffix, as the CLI draws it.</summary>
    public static string RandomSuffix() => RandomNumberGenerator.GetString(RoomSuffix.Alphabet, RoomSuffix.Length);

    /// <summary><paramref name="expected"/> with <c>&lt;rnd&gt;</c> standing for any 12 characters of LiveKit's ID alphabet.</summary>
    public static Regex RoomPattern(string expected) =>
        new("^" + Regex.Escape(expected).Replace("<rnd>", "[23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz]{12}", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);

    /// <summary>The attributes of an accepted call whose number is shown.</summary>
    public static Dictionary<string, string> Shown(string trunk, string rule, string from, string to, string host = Host) => new(StringComparer.Ordinal)
    {
        ["sip.callID"] = CallId,
        ["sip.trunkID"] = trunk,
        ["sip.ruleID"] = rule,
        ["sip.phoneNumber"] = from,
        ["sip.hostname"] = host,
        ["sip.trunkPhoneNumber"] = to,
    };

    /// <summary>The attributes of an accepted call whose number is hidden.</summary>
    public static Dictionary<string, string> Hidden(string trunk, string rule) => new(StringComparer.Ordinal)
    {
        ["sip.callID"] = CallId,
        ["sip.trunkID"] = trunk,
        ["sip.ruleID"] = rule,
    };
}
