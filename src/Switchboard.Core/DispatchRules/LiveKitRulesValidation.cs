using System.Globalization;
using Switchboard.Core.Configuration;

namespace Switchboard.Core.DispatchRules;

/// <summary>
/// What LiveKit refuses when trunks and rules are created (<see cref="Validate"/>), and what it accepts but will likely
/// not do what was meant (<see cref="Warnings"/>). Paths are relative to the rules document: <c>dispatch_rules[1]</c>.
/// </summary>
public static class LiveKitRulesValidation
{
    /// <summary>Every problem LiveKit would refuse, in list order: a later trunk or rule is reported against the earlier one it conflicts with.</summary>
    public static IReadOnlyList<ConfigError> Validate(LiveKitRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new List<ConfigError>();
        var conflicts = TrunkConflicts(rules.Trunks);
        for (var i = 0; i < rules.Trunks.Count; i++)
        {
            var trunk = rules.Trunks[i];
            if (trunk.Numbers.Count == 0 && trunk.AllowedAddresses.Count == 0 && !trunk.HasAuth)
            {
                errors.Add(new(Trunk(i), "LiveKit refuses an inbound trunk without numbers, allowed_addresses or auth_username and auth_password: it would accept any call"));
            }

            if (conflicts.TryGetValue(i, out var conflict))
            {
                errors.Add(new(Trunk(i), conflict));
            }
        }

        errors.AddRange(RuleConflicts(rules.DispatchRules).Select(c => new ConfigError(Rule(c.Index), c.Message)));
        return errors;
    }

    /// <summary>Legal, but probably not what was meant: the pitfalls LiveKit's users report most.</summary>
    public static IReadOnlyList<ConfigError> Warnings(LiveKitRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var warnings = new List<ConfigError>();
        var trunkIds = rules.Trunks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var trunkNumbers = rules.Trunks.SelectMany(t => t.Numbers).ToHashSet(StringComparer.Ordinal);
        var normalizedTrunkNumbers = trunkNumbers.Select(DispatchRuleMatcher.NormalizeNumber).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < rules.Trunks.Count; i++)
        {
            var addresses = rules.Trunks[i].AllowedAddresses;
            for (var j = 0; j < addresses.Count; j++)
            {
                if (AllowedAddress.IsMalformed(addresses[j]))
                {
                    var rest = addresses.Any(a => !AllowedAddress.IsMalformed(a)) ? "" : "; no usable entry is left, so any address is allowed";
                    warnings.Add(new(Invariant($"{Trunk(i)}.allowed_addresses[{j}]"), $"'{addresses[j]}' is not an IP, CIDR range or host name: LiveKit ignores it{rest}"));
                }
            }
        }

        for (var i = 0; i < rules.DispatchRules.Count; i++)
        {
            var rule = rules.DispatchRules[i];
            for (var j = 0; j < rule.TrunkIds.Count; j++)
            {
                if (!trunkIds.Contains(rule.TrunkIds[j]))
                {
                    warnings.Add(new(Invariant($"{Rule(i)}.trunk_ids[{j}]"), $"no inbound trunk '{rule.TrunkIds[j]}' here: unless LiveKit has it, the rule never matches through it"));
                }
            }

            for (var j = 0; j < rule.InboundNumbers.Count; j++)
            {
                if (normalizedTrunkNumbers.Contains(DispatchRuleMatcher.NormalizeNumber(rule.InboundNumbers[j])))
                {
                    warnings.Add(new(Invariant($"{Rule(i)}.inbound_numbers[{j}]"), $"'{rule.InboundNumbers[j]}' is a trunk's number, but inbound_numbers filters the caller: put dialed numbers in numbers"));
                }
            }

            for (var j = 0; j < rule.Numbers.Count; j++)
            {
                var number = rule.Numbers[j];
                if (!trunkNumbers.Contains(number) && normalizedTrunkNumbers.Contains(DispatchRuleMatcher.NormalizeNumber(number)))
                {
                    warnings.Add(new(Invariant($"{Rule(i)}.numbers[{j}]"), $"'{number}' is compared exactly with the To user, and no trunk lists it in this form: write it as the provider sends it"));
                }
            }

            if (rule.Agents.Count == 0 || rule.Agents[0].AgentName.Length == 0)
            {
                warnings.Add(new(Rule(i), "no named agent in room_config.agents: LiveKit dispatches none by name, and Switchboard's static step cannot answer with this rule"));
            }
        }

        return warnings;
    }

    /// <summary>The first conflict among the rules in their order, as LiveKit checks candidates before matching; null when none.</summary>
    internal static RuleConflict? FirstRuleConflict(IReadOnlyList<DispatchRule> rules) => RuleConflicts(rules).FirstOrDefault();

    /// <summary>
    /// Each rule claims every (PIN, trunk, caller, dialed number) it could take, numbers normalised and an empty list
    /// claiming the wildcard; two rules claiming the same one conflict, whatever their kinds.
    /// </summary>
    private static IEnumerable<RuleConflict> RuleConflicts(IReadOnlyList<DispatchRule> rules)
    {
        var claimed = new Dictionary<(string Pin, string Trunk, string Caller, string Dialed), DispatchRule>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            DispatchRule? existing = null;
            foreach (var trunk in OrWildcard(rule.TrunkIds))
            {
                foreach (var caller in OrWildcard(rule.InboundNumbers))
                {
                    foreach (var dialed in OrWildcard(rule.Numbers))
                    {
                        var key = (rule.Pin, trunk, DispatchRuleMatcher.NormalizeNumber(caller), DispatchRuleMatcher.NormalizeNumber(dialed));
                        if (!claimed.TryAdd(key, rule) && !ReferenceEquals(claimed[key], rule))
                        {
                            existing ??= claimed[key];
                        }
                    }
                }
            }

            if (existing is not null)
            {
                yield return new RuleConflict(i, rule, existing,
                    $"Dispatch rule for the same trunk, inbound number, number, and PIN combination already exists in dispatch rule \"{existing.Id}\" \"{existing.Name}\"");
            }
        }
    }

    /// <summary>Trunks sharing a (normalised) number, or both taking any number, conflict unless their allowed_numbers keep their callers apart.</summary>
    private static Dictionary<int, string> TrunkConflicts(IReadOnlyList<InboundTrunk> trunks)
    {
        var conflicts = new Dictionary<int, string>();
        var groups = new Dictionary<string, List<(int Index, InboundTrunk Trunk, HashSet<string> Callers)>>(StringComparer.Ordinal);
        for (var i = 0; i < trunks.Count; i++)
        {
            var trunk = trunks[i];
            var callers = trunk.AllowedNumbers.Select(DispatchRuleMatcher.NormalizeNumber).ToHashSet(StringComparer.Ordinal);
            string? message = null;
            foreach (var number in OrWildcard(trunk.Numbers).Select(DispatchRuleMatcher.NormalizeNumber).Distinct(StringComparer.Ordinal))
            {
                if (!groups.TryGetValue(number, out var group))
                {
                    groups[number] = group = [];
                }

                foreach (var (_, other, otherCallers) in group)
                {
                    var shared = callers.Count == 0 && otherCallers.Count == 0 ? "" : callers.FirstOrDefault(otherCallers.Contains);
                    if (shared is not null && message is null)
                    {
                        var dialed = number.Length == 0 ? "both accepting any number (no numbers)" : $"using the same number {number}";
                        var callersText = shared.Length == 0 ? "and any caller (no allowed_numbers)" : $"and the same allowed number {shared}";
                        message = $"Conflicting inbound SIP Trunks: \"{other.Id}\" and \"{trunk.Id}\", {dialed} {callersText}";
                    }
                }

                group.Add((i, trunk, callers));
            }

            if (message is not null)
            {
                conflicts[i] = message;
            }
        }

        return conflicts;
    }

    private static IEnumerable<string> OrWildcard(IReadOnlyList<string> values) => values.Count == 0 ? [""] : values;

    private static string Trunk(int index) => Invariant($"trunks[{index}]");

    private static string Rule(int index) => Invariant($"dispatch_rules[{index}]");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
