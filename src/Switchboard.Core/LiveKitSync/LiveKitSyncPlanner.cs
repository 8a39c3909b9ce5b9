using System.Globalization;
using Switchboard.Core.Configuration;
using Switchboard.Core.DispatchRules;

namespace Switchboard.Core.LiveKitSync;

/// <summary>
/// Compares the managed objects Switchboard wants (<see cref="LiveKitDesiredState"/>) with everything LiveKit holds, and
/// plans the creates, updates (whole replacements) and deletes that make them equal. Pure.
/// <list type="bullet">
/// <item>Only managed objects (<see cref="ManagedObjects.IsManaged(DispatchRule)"/>) are ever changed; they are matched by
/// their stable name, so an object equal to the wanted one gives no step, and planning again after applying gives none.</item>
/// <item>Duplicates of a managed rule (a create whose answer was lost, then retried elsewhere) are deleted; a managed rule no
/// longer wanted is deleted. Trunks are never deleted: an unwanted managed trunk is reported in <see cref="LiveKitSyncPlan.Warnings"/>.</item>
/// <item>The result, together with the operator's own trunks and rules, is checked as LiveKit checks it (livekit.md §4.5),
/// and so is every state on the way: a plan LiveKit would refuse at any step has <see cref="LiveKitSyncPlan.Errors"/>.</item>
/// <item>Order: trunk first (the rules name it), then rule updates, creates, and deletes last, so no call finds its number
/// without a rule midway. Should that order pass through a conflict (a managed rule edited in LiveKit to claim what another
/// will), the deletes go first instead.</item>
/// </list>
/// </summary>
public static class LiveKitSyncPlanner
{
    private const string NewRuleId = "(to be created)";

    public static LiveKitSyncPlan Plan(LiveKitRules desired, LiveKitRules actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        var warnings = new List<string>();
        var operatorTrunks = actual.Trunks.Where(t => !ManagedObjects.IsManaged(t)).ToList();
        var operatorRules = actual.DispatchRules.Where(r => !ManagedObjects.IsManaged(r)).ToList();

        var (trunkSteps, finalTrunks, trunkIds) = PlanTrunks(desired.Trunks, [.. actual.Trunks.Where(ManagedObjects.IsManaged).OrderBy(t => t.Id, StringComparer.Ordinal)], warnings);
        var wanted = desired.DispatchRules.Select(r => r with { TrunkIds = [.. r.TrunkIds.Select(id => trunkIds.GetValueOrDefault(id, id))] }).ToList();
        var (updates, creates, deletes, finalRules) = PlanRules(wanted, [.. actual.DispatchRules.Where(ManagedObjects.IsManaged).OrderBy(r => r.Id, StringComparer.Ordinal)]);

        foreach (var trunk in desired.Trunks.Where(t => t.AllowedAddresses.Count == 0 && !t.HasAuth))
        {
            warnings.Add($"trunk \"{trunk.Name}\" has no allowed addresses and no digest auth: LiveKit accepts calls to its numbers from any address. "
                + "Set LiveKit:Trunk:AllowedAddresses to your provider's signalling ranges (Twilio Elastic SIP origination has no digest auth).");
        }

        var final = new LiveKitRules([.. operatorTrunks, .. finalTrunks], [.. operatorRules, .. finalRules]);
        var errors = Describe(final, LiveKitRulesValidation.Validate(final));
        if (errors.Count > 0)
        {
            return new LiveKitSyncPlan([.. trunkSteps, .. updates, .. creates, .. deletes], errors, warnings);
        }

        // Deletes last keeps every number answered throughout; deletes first only when that order would meet a conflict.
        List<SyncStep> deletesLast = [.. trunkSteps, .. updates, .. creates, .. deletes];
        var midway = FirstConflictMidway(actual, deletesLast);
        if (midway.Count == 0)
        {
            return new LiveKitSyncPlan(deletesLast, [], warnings);
        }

        List<SyncStep> deletesFirst = [.. trunkSteps, .. deletes, .. updates, .. creates];
        return FirstConflictMidway(actual, deletesFirst).Count == 0
            ? new LiveKitSyncPlan(deletesFirst, [], warnings)
            : new LiveKitSyncPlan(deletesLast, [.. midway.Select(e => e with { Message = "midway through the changes: " + e.Message })], warnings);
    }

    private static (List<SyncStep> Steps, List<InboundTrunk> Final, Dictionary<string, string> Ids) PlanTrunks(
        IReadOnlyList<InboundTrunk> desired, List<InboundTrunk> managed, List<string> warnings)
    {
        var steps = new List<SyncStep>();
        var final = new List<InboundTrunk>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var wanted in desired)
        {
            var candidates = managed.Where(t => t.Name == wanted.Name && !claimed.Contains(t.Id)).ToList();
            var existing = candidates.FirstOrDefault(t => Same(t, wanted with { Id = t.Id })) ?? candidates.FirstOrDefault();
            if (existing is null)
            {
                steps.Add(new SyncStep(SyncAction.Create, SyncObjectKind.Trunk, wanted.Name) { Trunk = wanted });
                final.Add(wanted);
                continue;
            }

            claimed.Add(existing.Id);
            ids[wanted.Id] = existing.Id;
            var target = wanted with { Id = existing.Id };
            if (!Same(existing, target))
            {
                steps.Add(new SyncStep(SyncAction.Update, SyncObjectKind.Trunk, wanted.Name) { Id = existing.Id, Trunk = target, Changes = TrunkChanges(existing, target) });
            }

            final.Add(target);
        }

        foreach (var leftover in managed.Where(t => !claimed.Contains(t.Id)))
        {
            // The LiveKit client has no DeleteSIPTrunk; the trunk stays, and still takes calls to its numbers.
            final.Add(leftover);
            warnings.Add($"trunk {leftover.Id} \"{leftover.Name}\" is Switchboard's but no longer wanted"
                + (desired.Count == 0 ? " (no number is configured)" : " (another trunk of that name is used)")
                + $": Switchboard does not delete trunks; delete it with `lk sip inbound delete {leftover.Id}`.");
        }

        return (steps, final, ids);
    }

    private static (List<SyncStep> Updates, List<SyncStep> Creates, List<SyncStep> Deletes, List<DispatchRule> Final) PlanRules(
        List<DispatchRule> desired, List<DispatchRule> managed)
    {
        var (updates, creates, deletes, final) = (new List<SyncStep>(), new List<SyncStep>(), new List<SyncStep>(), new List<DispatchRule>());
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var wanted in desired)
        {
            var candidates = managed.Where(r => r.Name == wanted.Name).ToList();
            var existing = candidates.FirstOrDefault(r => Same(r, wanted)) ?? candidates.FirstOrDefault();
            if (existing is null)
            {
                creates.Add(new SyncStep(SyncAction.Create, SyncObjectKind.Rule, wanted.Name) { Rule = wanted });
                final.Add(wanted with { Id = NewRuleId });
                continue;
            }

            claimed.UnionWith(candidates.Select(r => r.Id));
            var target = wanted with { Id = existing.Id };
            if (!Same(existing, target))
            {
                updates.Add(new SyncStep(SyncAction.Update, SyncObjectKind.Rule, wanted.Name) { Id = existing.Id, Rule = target, Changes = RuleChanges(existing, target) });
            }

            final.Add(target);
            deletes.AddRange(candidates.Where(r => r.Id != existing.Id).Select(Delete));
        }

        deletes.AddRange(managed.Where(r => !claimed.Contains(r.Id)).Select(Delete));
        return (updates, creates, deletes, final);
    }

    private static SyncStep Delete(DispatchRule rule) => new(SyncAction.Delete, SyncObjectKind.Rule, rule.Name) { Id = rule.Id, Rule = rule };

    /// <summary>Runs the steps over <paramref name="actual"/> as LiveKit would, checking each state; the first refusal met, with its subject.</summary>
    private static List<ConfigError> FirstConflictMidway(LiveKitRules actual, List<SyncStep> steps)
    {
        var trunks = actual.Trunks.ToList();
        var rules = actual.DispatchRules.ToList();
        foreach (var step in steps)
        {
            switch (step)
            {
                case { Kind: SyncObjectKind.Trunk, Action: SyncAction.Create, Trunk: { } trunk }:
                    trunks.Add(trunk);
                    break;
                case { Kind: SyncObjectKind.Trunk, Action: SyncAction.Update, Trunk: { } trunk }:
                    trunks[trunks.FindIndex(t => t.Id == step.Id)] = trunk;
                    break;
                case { Kind: SyncObjectKind.Rule, Action: SyncAction.Create, Rule: { } rule }:
                    rules.Add(rule with { Id = NewRuleId });
                    break;
                case { Kind: SyncObjectKind.Rule, Action: SyncAction.Update, Rule: { } rule }:
                    rules[rules.FindIndex(r => r.Id == step.Id)] = rule;
                    break;
                default:
                    rules.RemoveAll(r => r.Id == step.Id);
                    break;
            }

            var state = new LiveKitRules(trunks, rules);
            if (LiveKitRulesValidation.Validate(state) is { Count: > 0 } errors)
            {
                return Describe(state, errors);
            }
        }

        return [];
    }

    /// <summary>Validation errors with their path (<c>dispatch_rules[3]</c>) replaced by the object it names.</summary>
    private static List<ConfigError> Describe(LiveKitRules rules, IReadOnlyList<ConfigError> errors) =>
    [
        .. errors.Select(error => error.Path switch
        {
            _ when Index(error.Path, "trunks[") is { } i => error with { Path = Subject(rules.Trunks[i]) },
            _ when Index(error.Path, "dispatch_rules[") is { } i => error with { Path = Subject(rules.DispatchRules[i]) },
            _ => error,
        }),
    ];

    private static int? Index(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith(']')
        && int.TryParse(path.AsSpan(prefix.Length, path.Length - prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;

    private static string Subject(InboundTrunk trunk) => ManagedObjects.IsManaged(trunk)
        ? $"Switchboard's trunk \"{trunk.Name}\""
        : $"LiveKit trunk {trunk.Id} \"{trunk.Name}\" (not Switchboard's)";

    private static string Subject(DispatchRule rule) => ManagedObjects.IsManaged(rule)
        ? $"rule \"{rule.Name}\""
        : $"LiveKit rule {rule.Id} \"{rule.Name}\" (not Switchboard's)";

    private static bool Same(InboundTrunk a, InboundTrunk b) => Canonical(a) == Canonical(b);

    private static bool Same(DispatchRule a, DispatchRule b) => Canonical(a) == Canonical(b);

    /// <summary>The object in LiveKit's JSON without its id and with its lists sorted: equal text, equal object.</summary>
    private static string Canonical(InboundTrunk trunk) => LiveKitRulesJson.Write(new LiveKitRules(
        [trunk with { Id = "", Numbers = Sorted(trunk.Numbers), AllowedAddresses = Sorted(trunk.AllowedAddresses), AllowedNumbers = Sorted(trunk.AllowedNumbers) }], []));

    private static string Canonical(DispatchRule rule) => LiveKitRulesJson.Write(new LiveKitRules(
        [], [rule with { Id = "", TrunkIds = Sorted(rule.TrunkIds), Numbers = Sorted(rule.Numbers), InboundNumbers = Sorted(rule.InboundNumbers) }]));

    private static string[] Sorted(IReadOnlyList<string> values) => [.. values.Order(StringComparer.Ordinal)];

    private static List<string> TrunkChanges(InboundTrunk actual, InboundTrunk target)
    {
        var changes = new List<string>();
        AddListChange(changes, "numbers", actual.Numbers, target.Numbers);
        AddListChange(changes, "allowed_addresses", actual.AllowedAddresses, target.AllowedAddresses);
        AddListChange(changes, "allowed_numbers", actual.AllowedNumbers, target.AllowedNumbers);
        if (actual.AuthUsername != target.AuthUsername)
        {
            changes.Add("auth_username");
        }

        if (actual.AuthPassword != target.AuthPassword)
        {
            changes.Add("auth_password");
        }

        if (actual.Metadata != target.Metadata)
        {
            changes.Add("metadata");
        }

        var fieldsNamed = actual with
        {
            Numbers = target.Numbers,
            AllowedAddresses = target.AllowedAddresses,
            AllowedNumbers = target.AllowedNumbers,
            AuthUsername = target.AuthUsername,
            AuthPassword = target.AuthPassword,
            Metadata = target.Metadata,
        };
        if (changes.Count == 0 || !Same(fieldsNamed, target))
        {
            changes.Add("fields set outside Switchboard reset");
        }

        return changes;
    }

    private static List<string> RuleChanges(DispatchRule actual, DispatchRule target)
    {
        var changes = new List<string>();
        var (was, now) = (FirstAgent(actual), FirstAgent(target));
        if (was != now)
        {
            changes.Add($"agent: {was ?? "none"} → {now ?? "none"}");
        }
        else if (!actual.Agents.Select(a => (a.AgentName, a.Metadata)).SequenceEqual(target.Agents.Select(a => (a.AgentName, a.Metadata))))
        {
            changes.Add("agent metadata");
        }

        AddListChange(changes, "numbers", actual.Numbers, target.Numbers);
        if (!Sorted(actual.TrunkIds).SequenceEqual(Sorted(target.TrunkIds)))
        {
            changes.Add($"trunk_ids: {Join(actual.TrunkIds)} → {Join(target.TrunkIds)}");
        }

        if (!actual.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).SequenceEqual(target.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)))
        {
            changes.Add("attributes");
        }

        var fieldsNamed = actual with { RoomConfig = target.RoomConfig, Numbers = target.Numbers, TrunkIds = target.TrunkIds, Attributes = target.Attributes };
        if (changes.Count == 0 || !Same(fieldsNamed, target))
        {
            changes.Add("fields set outside Switchboard reset");
        }

        return changes;
    }

    private static string? FirstAgent(DispatchRule rule) => rule.Agents.FirstOrDefault(a => a.AgentName.Length > 0)?.AgentName;

    private static void AddListChange(List<string> changes, string field, IReadOnlyList<string> actual, IReadOnlyList<string> target)
    {
        var added = target.Except(actual, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var removed = actual.Except(target, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (added.Count > 0 || removed.Count > 0)
        {
            changes.Add($"{field}: " + string.Join(", ", added.Select(v => "+" + v).Concat(removed.Select(v => "-" + v))));
        }
        else if (actual.Count != target.Count)
        {
            changes.Add($"{field}: duplicates removed");
        }
    }

    private static string Join(IReadOnlyList<string> values) => values.Count == 0 ? "any" : string.Join(", ", values);
}
