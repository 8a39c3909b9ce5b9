using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Switchboard.Core.DispatchRules;

/// <summary>
/// LiveKit's inbound dispatch, re-implemented: choose the trunk (step A), choose the rule (step B), build the result
/// (step C), so Switchboard can say exactly what LiveKit will do with a call. Built once per configuration (trunks and
/// rules sorted by id, addresses parsed), then evaluated per call. Pure: the random room suffix comes from the caller.
/// </summary>
public sealed partial class DispatchRuleMatcher
{
    private readonly CompiledTrunk[] _trunks;
    private readonly DispatchRule[] _rules;

    /// <summary>Whether any two rules conflict. When none do, no subset can, so a call need not check its candidates again.</summary>
    private readonly bool _mayConflict;

    public DispatchRuleMatcher(LiveKitRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        _trunks = [.. rules.Trunks.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => new CompiledTrunk(t))];
        _rules = [.. rules.DispatchRules.OrderBy(r => r.Id, StringComparer.Ordinal)];
        _mayConflict = LiveKitRulesValidation.FirstRuleConflict(_rules) is not null;
    }

    public LiveKitRules Rules { get; }

    /// <summary>
    /// LiveKit's <c>NormalizeNumber</c>: a value made only of digits, spaces, <c>-</c>, <c>(</c>, <c>)</c> and an optional
    /// leading <c>+</c> loses the punctuation and gains the <c>+</c>; anything else (<c>anonymous</c>) is returned as is.
    /// Not E.164: a national number stays national, behind a <c>+</c>.
    /// </summary>
    public static string NormalizeNumber(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (number.Length == 0 || !Dialable().IsMatch(number))
        {
            return number;
        }

        var digits = new StringBuilder(number.Length + 1);
        foreach (var c in number)
        {
            if (c is not (' ' or '-' or '(' or ')' or '+'))
            {
                digits.Append(c);
            }
        }

        return "+" + digits;
    }

    /// <summary>The identity LiveKit gives a caller whose number is hidden: <c>sip_</c> and 16 hex digits of SHA-256 of the From user.</summary>
    public static string HiddenIdentity(string calling)
    {
        ArgumentNullException.ThrowIfNull(calling);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(calling));
        return "sip_" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <summary>
    /// What LiveKit does with the call. <paramref name="randomSuffix"/> is called at most once, for a room name that
    /// LiveKit would make unique; it should return <see cref="RoomSuffix.Length"/> characters of <see cref="RoomSuffix.Alphabet"/>.
    /// </summary>
    public DispatchResult Evaluate(DispatchRequest request, Func<string> randomSuffix)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(randomSuffix);

        var (match, trunk, trunkError) = ChooseTrunk(request);
        if (trunkError is not null)
        {
            return new DispatchResult { Outcome = DispatchOutcome.Error, Error = trunkError, TrunkMatch = match };
        }

        var candidates = trunk is null ? _rules : [.. _rules.Where(r => r.TrunkIds.Count == 0 || r.TrunkIds.Contains(trunk.Id, StringComparer.Ordinal))];
        if (_mayConflict && LiveKitRulesValidation.FirstRuleConflict(candidates) is { } conflict)
        {
            return new DispatchResult { Outcome = DispatchOutcome.Error, Error = conflict.Message, TrunkMatch = match, Trunk = trunk };
        }

        var rule = ChooseRule(candidates, trunk, request);
        if (rule is null)
        {
            return new DispatchResult { Outcome = DispatchOutcome.Drop, TrunkMatch = match, Trunk = trunk };
        }

        if (rule.Pin.Length > 0 && request.Pin.Length == 0)
        {
            return new DispatchResult { Outcome = DispatchOutcome.RequestPin, TrunkMatch = match, Trunk = trunk, Rule = rule };
        }

        return Accept(rule, match, trunk, request, randomSuffix);
    }

    /// <summary>Step A: the specific trunk, else the one default trunk, else none; two of either kind is an error.</summary>
    private (TrunkMatch Match, InboundTrunk? Trunk, string? Error) ChooseTrunk(DispatchRequest request)
    {
        var called = NormalizeNumber(request.Called);
        var calling = NormalizeNumber(request.Calling);
        var source = AllowedAddress.TryParseIp(request.SourceIp, out var ip) ? ip : null;
        InboundTrunk? specific = null;
        InboundTrunk? fallback = null;
        var defaults = 0;
        foreach (var trunk in _trunks)
        {
            var info = trunk.Info;
            if ((info.Numbers.Count > 0 && !trunk.ListsNumber(request.Called, called))
                || (info.AllowedNumbers.Count > 0 && !trunk.AllowsCaller(request.Calling, calling))
                || (source is not null && !trunk.AllowsAddress(source, request.CallingHost)))
            {
                continue;
            }

            if (info.Numbers.Count == 0)
            {
                defaults++;
                fallback ??= info;
            }
            else if (specific is not null)
            {
                return (TrunkMatch.Conflict, null, $"Multiple SIP Trunks matched for \"{request.Called}\"");
            }
            else
            {
                specific = info;
            }
        }

        return (specific, defaults) switch
        {
            ({ } one, _) => (TrunkMatch.Specific, one, null),
            (null, > 1) => (TrunkMatch.Conflict, null, "Multiple default SIP Trunks matched"),
            (null, 1) => (TrunkMatch.Default, fallback, null),
            _ => (TrunkMatch.None, null, null),
        };
    }

    /// <summary>Step B: filter, split into rules bound to the trunk and rules for any trunk, take the best of the first set that has one.</summary>
    private static DispatchRule? ChooseRule(IEnumerable<DispatchRule> candidates, InboundTrunk? trunk, DispatchRequest request)
    {
        DispatchRule? specific = null;
        DispatchRule? fallback = null;
        foreach (var rule in candidates)
        {
            if ((rule.InboundNumbers.Count > 0 && !rule.InboundNumbers.Contains(request.Calling, StringComparer.Ordinal))
                || (rule.Numbers.Count > 0 && !rule.Numbers.Contains(request.Called, StringComparer.Ordinal)))
            {
                continue;
            }

            // A PIN entered narrows to rules with that PIN (no fallback to open rules); '#' alone narrows to open rules.
            if (request.NoPin ? rule.Pin.Length > 0 : request.Pin.Length > 0 && rule.Pin != request.Pin)
            {
                continue;
            }

            if (rule.TrunkIds.Count == 0)
            {
                fallback = Better(fallback, rule);
            }
            else if (trunk is not null && rule.TrunkIds.Contains(trunk.Id, StringComparer.Ordinal))
            {
                specific = Better(specific, rule);
            }
        }

        return specific ?? fallback;
    }

    /// <summary>Lower priority wins, then the smaller room string (ordinal); a full tie keeps the earlier rule in id order.</summary>
    private static DispatchRule Better(DispatchRule? best, DispatchRule rule) =>
        best is null || rule.Priority < best.Priority || (rule.Priority == best.Priority && string.CompareOrdinal(rule.Room, best.Room) < 0)
            ? rule
            : best;

    /// <summary>Step C: identity, name, attributes and room, as the SIP participant will have them.</summary>
    private static DispatchResult Accept(DispatchRule rule, TrunkMatch match, InboundTrunk? trunk, DispatchRequest request, Func<string> randomSuffix)
    {
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in rule.Attributes)
        {
            attributes[key] = value;
        }

        attributes["sip.callID"] = request.CallId;
        attributes["sip.trunkID"] = trunk?.Id ?? "";
        var from = request.Calling;
        var identity = "sip_" + from;
        if (rule.HidePhoneNumber)
        {
            identity = HiddenIdentity(from);
            from = from.Length switch
            {
                0 => "",
                <= 4 => from[^1..],
                _ => from[^4..],
            };
        }
        else
        {
            attributes["sip.phoneNumber"] = from;
            attributes["sip.hostname"] = request.CallingHost;
            attributes["sip.trunkPhoneNumber"] = request.Called;
        }

        attributes["sip.ruleID"] = rule.Id;
        var prefix = rule.Room.Length > 0 ? rule.Room + "_" : "";
        var room = rule.Kind switch
        {
            DispatchRuleKind.Direct => rule.Room,
            DispatchRuleKind.Individual => prefix + from + (rule.NoRandomness ? "" : "_" + randomSuffix()),
            _ => prefix + request.Called + (rule.Randomize ? "_" + randomSuffix() : ""),
        };

        return new DispatchResult
        {
            Outcome = DispatchOutcome.Accept,
            TrunkMatch = match,
            Trunk = trunk,
            Rule = rule,
            RoomName = room,
            ParticipantIdentity = identity,
            ParticipantName = "Phone " + from,
            ParticipantMetadata = rule.Metadata,
            Attributes = attributes,
            Agents = rule.Agents,
        };
    }

    [GeneratedRegex(@"^\+?[0-9\- ()]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Dialable();

    /// <summary>A trunk with its numbers normalised and its addresses parsed once.</summary>
    private sealed class CompiledTrunk(InboundTrunk info)
    {
        private readonly HashSet<string> _numbers = [.. info.Numbers.Select(NormalizeNumber)];
        private readonly HashSet<string> _allowedNumbers = [.. info.AllowedNumbers.Select(NormalizeNumber)];
        private readonly AllowedAddress[] _addresses = [.. info.AllowedAddresses.Select(AllowedAddress.Parse).OfType<AllowedAddress>()];

        public InboundTrunk Info { get; } = info;

        public bool ListsNumber(string raw, string normalized) => Info.Numbers.Contains(raw, StringComparer.Ordinal) || _numbers.Contains(normalized);

        public bool AllowsCaller(string raw, string normalized) => Info.AllowedNumbers.Contains(raw, StringComparer.Ordinal) || _allowedNumbers.Contains(normalized);

        /// <summary>Malformed entries are ignored; when none is left, any address is allowed.</summary>
        public bool AllowsAddress(System.Net.IPAddress source, string fromHost) => _addresses.Length == 0 || _addresses.Any(a => a.Allows(source, fromHost));
    }
}
