using System.Globalization;
using Switchboard.Core.Configuration;
using Switchboard.Core.DispatchRules;
using Switchboard.Core.LiveKitSync;
using Xunit;

namespace Switchboard.Core.Tests.LiveKitSync;

/// <summary>Configurations, LiveKit states and a pretend LiveKit for the sync tests (fictional 555 numbers only).</summary>
internal static class Sync
{
    public const string N1 = "+15550001111";

    public const string N2 = "+15550002222";

    public const string N3 = "+15550003333";

    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-02T15:00:00Z", CultureInfo.InvariantCulture);

    private static int _ids;

    public static readonly ManagedTrunkSettings Twilio = new() { AllowedAddresses = ["54.172.60.0/30", "54.244.51.0/30"] };

    /// <summary>
    /// Tenant <c>acme</c> (default agent <c>acme-bot</c>): <see cref="N1"/> on campaign <c>spring</c> (agent <c>spring-bot</c>,
    /// window given), <see cref="N2"/> without a campaign; tenant <c>globex</c> without an agent: <see cref="N3"/>.
    /// </summary>
    public static SwitchboardConfig Config(string? globalAgent = null, string startsAt = "2026-03-01T00:00:00Z", string endsAt = "2026-04-01T00:00:00Z",
        string campaignAgent = "spring-bot", bool withGlobex = true)
    {
        var yaml = (globalAgent is null ? "" : $"default_agent: {globalAgent}\n") + $$"""
            tenants:
              - id: acme
                name: Acme
                default_agent: acme-bot
                campaigns:
                  - id: spring
                    name: Spring sale
                    agent: {{campaignAgent}}
                    starts_at: {{startsAt}}
                    ends_at: {{endsAt}}
                    metadata: { script: spring }
                numbers:
                  - number: "{{N1}}"
                    campaign: spring
                  - number: "{{N2}}"

            """;
        if (withGlobex)
        {
            yaml += $$"""
                  - id: globex
                    name: Globex
                    numbers:
                      - number: "{{N3}}"

                """;
        }

        var parsed = ConfigParser.Parse(yaml);
        return parsed.IsValid ? parsed.Config : throw new InvalidOperationException(string.Join("; ", parsed.Errors));
    }

    public static LiveKitRules Desired(SwitchboardConfig config, LiveKitSyncMode mode, DateTimeOffset? now = null) =>
        LiveKitDesiredState.Compute(config, mode, Twilio, now ?? Now);

    /// <summary>LiveKit's state after applying <paramref name="plan"/> to <paramref name="actual"/>, as LiveKit would: new ids, the trunk's id in its rules.</summary>
    public static LiveKitRules Apply(LiveKitRules actual, LiveKitSyncPlan plan)
    {
        if (!plan.IsValid)
        {
            throw new InvalidOperationException("an invalid plan is never applied");
        }

        var trunks = actual.Trunks.ToList();
        var rules = actual.DispatchRules.ToList();
        var trunkId = ManagedObjects.PendingTrunkId;
        foreach (var step in plan.Steps)
        {
            var id = $"{(step.Kind == SyncObjectKind.Trunk ? "ST" : "SDR")}_{Interlocked.Increment(ref _ids):D6}";
            switch (step)
            {
                case { Kind: SyncObjectKind.Trunk, Action: SyncAction.Create, Trunk: { } trunk }:
                    trunkId = id;
                    trunks.Add(trunk with { Id = id });
                    break;
                case { Kind: SyncObjectKind.Trunk, Action: SyncAction.Update, Trunk: { } trunk }:
                    trunks[trunks.FindIndex(t => t.Id == step.Id)] = trunk;
                    break;
                case { Kind: SyncObjectKind.Rule, Action: SyncAction.Create, Rule: { } rule }:
                    rules.Add(rule with { Id = id, TrunkIds = [.. rule.TrunkIds.Select(t => t == ManagedObjects.PendingTrunkId ? trunkId : t)] });
                    break;
                case { Kind: SyncObjectKind.Rule, Action: SyncAction.Update, Rule: { } rule }:
                    rules[rules.FindIndex(r => r.Id == step.Id)] = rule with { TrunkIds = [.. rule.TrunkIds.Select(t => t == ManagedObjects.PendingTrunkId ? trunkId : t)] };
                    break;
                default:
                    Assert.Equal(1, rules.RemoveAll(r => r.Id == step.Id));
                    break;
            }
        }

        return new LiveKitRules(trunks, rules);
    }

    /// <summary>What LiveKit holds once a first sync has run on an empty project.</summary>
    public static LiveKitRules Synced(LiveKitRules desired, LiveKitRules? before = null)
    {
        var actual = before ?? LiveKitRules.Empty;
        return Apply(actual, LiveKitSyncPlanner.Plan(desired, actual));
    }

    public static LiveKitRules With(this LiveKitRules rules, params InboundTrunk[] trunks) => rules with { Trunks = [.. rules.Trunks, .. trunks] };

    public static LiveKitRules With(this LiveKitRules rules, params DispatchRule[] more) => rules with { DispatchRules = [.. rules.DispatchRules, .. more] };

    public static DispatchRule Rule(this LiveKitRules rules, string name) => Assert.Single(rules.DispatchRules, r => r.Name == name);

    public static InboundTrunk ManagedTrunk(this LiveKitRules rules) => Assert.Single(rules.Trunks, ManagedObjects.IsManaged);

    /// <summary>An operator's own rule, in LiveKit's JSON.</summary>
    public static DispatchRule OperatorRule(string json) => Assert.Single(LiveKitRulesJson.Read($$"""{"dispatch_rules":[{{json}}]}""").DispatchRules);

    public static InboundTrunk OperatorTrunk(string json) => Assert.Single(LiveKitRulesJson.Read($$"""{"trunks":[{{json}}]}""").Trunks);

    public static string Lines(this LiveKitSyncPlan plan) => string.Join("\n", plan.Steps.Select(s => s.Describe()));
}
