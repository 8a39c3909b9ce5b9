using Switchboard.Core.DispatchRules;
using Switchboard.Core.LiveKitSync;
using Xunit;
using static Switchboard.Core.Tests.LiveKitSync.Sync;

namespace Switchboard.Core.Tests.LiveKitSync;

public sealed class LiveKitSyncPlannerTests
{
    [Fact]
    public void On_an_empty_project_the_trunk_is_created_before_the_rules_that_name_it()
    {
        var desired = Desired(Config(), LiveKitSyncMode.Static);

        var plan = LiveKitSyncPlanner.Plan(desired, LiveKitRules.Empty);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors));
        Assert.Equal($"""
            + create trunk "switchboard: inbound" (3 numbers, 2 allowed addresses)
            + create rule "switchboard: {N1}" (agent spring-bot)
            + create rule "switchboard: {N2}" (agent acme-bot)
            """, plan.Lines(), ignoreLineEndingDifferences: true);
    }

    [Theory]
    [InlineData(LiveKitSyncMode.Events)]
    [InlineData(LiveKitSyncMode.Static)]
    public void Planning_again_after_applying_changes_nothing(LiveKitSyncMode mode)
    {
        var desired = Desired(Config(globalAgent: "front-desk"), mode);
        var synced = Synced(desired);

        var again = LiveKitSyncPlanner.Plan(desired, synced);

        Assert.True(again.InSync, again.Lines());
        Assert.Equal(desired.DispatchRules.Count, synced.DispatchRules.Count);
        Assert.All(synced.DispatchRules, r => Assert.Equal([synced.ManagedTrunk().Id], r.TrunkIds));
    }

    [Fact]
    public void The_operators_own_trunks_and_rules_are_never_touched()
    {
        var operatorTrunk = OperatorTrunk("""{"sip_trunk_id":"ST_operator","name":"office PBX","numbers":["+15559990000"]}""");
        var operatorRule = OperatorRule("""{"sip_dispatch_rule_id":"SDR_operator","name":"office","trunk_ids":["ST_operator"],"rule":{"dispatch_rule_direct":{"room_name":"office"}}}""");
        var namedLikeOurs = OperatorRule("""{"sip_dispatch_rule_id":"SDR_lookalike","name":"switchboard: mine","trunk_ids":["ST_operator"],"numbers":["+15559990001"],"rule":{"dispatch_rule_individual":{"room_prefix":"x"}}}""");
        var actual = LiveKitRules.Empty.With(operatorTrunk).With(operatorRule, namedLikeOurs);

        var plan = LiveKitSyncPlanner.Plan(Desired(Config(), LiveKitSyncMode.Static), actual);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors));
        Assert.DoesNotContain(plan.Steps, s => s.Id is "ST_operator" or "SDR_operator" or "SDR_lookalike");
        Assert.All(plan.Steps, s => Assert.Equal(SyncAction.Create, s.Action));
    }

    [Fact]
    public void A_changed_agent_updates_the_rule_in_place()
    {
        var synced = Synced(Desired(Config(campaignAgent: "spring-bot"), LiveKitSyncMode.Static));
        var before = synced.Rule($"switchboard: {N1}");

        var plan = LiveKitSyncPlanner.Plan(Desired(Config(campaignAgent: "closer-bot"), LiveKitSyncMode.Static), synced);

        var step = Assert.Single(plan.Steps);
        Assert.Equal($"~ update rule \"switchboard: {N1}\" {before.Id} (agent: spring-bot → closer-bot)", step.Describe());
        Assert.Equal([synced.ManagedTrunk().Id], step.Rule!.TrunkIds);
    }

    [Fact]
    public void A_number_no_longer_configured_loses_its_rule_after_everything_else()
    {
        var synced = Synced(Desired(Config(globalAgent: "front-desk"), LiveKitSyncMode.Static));

        var plan = LiveKitSyncPlanner.Plan(Desired(Config(globalAgent: "front-desk", withGlobex: false), LiveKitSyncMode.Static), synced);

        Assert.Equal(
            [(SyncAction.Update, SyncObjectKind.Trunk), (SyncAction.Delete, SyncObjectKind.Rule)],
            plan.Steps.Select(s => (s.Action, s.Kind)));
        Assert.Equal(synced.Rule($"switchboard: {N3}").Id, plan.Steps[1].Id);
        Assert.Equal([$"numbers: -{N3}"], plan.Steps[0].Changes);
    }

    [Fact]
    public void Switching_from_events_to_static_creates_the_number_rules_before_deleting_the_catch_all()
    {
        var config = Config(globalAgent: "front-desk");
        var synced = Synced(Desired(config, LiveKitSyncMode.Events));

        var plan = LiveKitSyncPlanner.Plan(Desired(config, LiveKitSyncMode.Static), synced);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors));
        Assert.Equal([SyncAction.Create, SyncAction.Create, SyncAction.Create, SyncAction.Delete], plan.Steps.Select(s => s.Action));
        Assert.Equal(ManagedObjects.CatchAllRuleName, plan.Steps[^1].Name);
        Assert.True(LiveKitSyncPlanner.Plan(Desired(config, LiveKitSyncMode.Static), Apply(synced, plan)).InSync);
    }

    [Fact]
    public void A_duplicate_of_a_managed_rule_is_deleted_and_the_matching_one_kept()
    {
        var desired = Desired(Config(), LiveKitSyncMode.Events);
        var synced = Synced(desired);
        var kept = synced.Rule(ManagedObjects.CatchAllRuleName);
        var duplicate = kept with { Id = "SDR_0duplicate", RoomConfig = new RoomConfiguration { Agents = [new RoomAgentDispatch { AgentName = "stray" }] } };

        var plan = LiveKitSyncPlanner.Plan(desired, synced.With(duplicate));

        var step = Assert.Single(plan.Steps);
        Assert.Equal((SyncAction.Delete, "SDR_0duplicate"), (step.Action, step.Id));
    }

    [Fact]
    public void A_managed_rule_edited_in_LiveKit_is_put_back()
    {
        var desired = Desired(Config(), LiveKitSyncMode.Events);
        var synced = Synced(desired);
        var edited = synced.Rule(ManagedObjects.CatchAllRuleName) with { HidePhoneNumber = true };
        var actual = synced with { DispatchRules = [edited] };

        var plan = LiveKitSyncPlanner.Plan(desired, actual);

        var step = Assert.Single(plan.Steps);
        Assert.Equal((SyncAction.Update, edited.Id), (step.Action, step.Id));
        Assert.Equal(["fields set outside Switchboard reset"], step.Changes);
    }

    [Fact]
    public void A_rule_conflicting_with_an_operator_rule_is_refused_before_anything_is_applied()
    {
        var synced = Synced(Desired(Config(), LiveKitSyncMode.Static));
        var trunkId = synced.ManagedTrunk().Id;
        var operatorRule = OperatorRule("""{"sip_dispatch_rule_id":"SDR_operator","name":"night line","trunk_ids":["TRUNK"],"rule":{"dispatch_rule_direct":{"room_name":"night"}}}""".Replace("TRUNK", trunkId, StringComparison.Ordinal));
        var actual = synced.With(operatorRule);

        var plan = LiveKitSyncPlanner.Plan(Desired(Config(), LiveKitSyncMode.Events), actual);

        var error = Assert.Single(plan.Errors);
        Assert.Equal($"rule \"{ManagedObjects.CatchAllRuleName}\"", error.Path);
        Assert.Contains("\"SDR_operator\" \"night line\"", error.Message, StringComparison.Ordinal);
        Assert.False(plan.IsValid);
    }

    [Fact]
    public void A_trunk_sharing_a_number_with_an_operator_trunk_is_refused()
    {
        var operatorTrunk = OperatorTrunk($$"""{"sip_trunk_id":"ST_operator","name":"Twilio by hand","numbers":["{{N2}}"]}""");

        var plan = LiveKitSyncPlanner.Plan(Desired(Config(), LiveKitSyncMode.Events), LiveKitRules.Empty.With(operatorTrunk));

        var error = Assert.Single(plan.Errors);
        Assert.Equal($"Switchboard's trunk \"{ManagedObjects.TrunkName}\"", error.Path);
        Assert.StartsWith("Conflicting inbound SIP Trunks: \"ST_operator\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_managed_rule_claiming_a_wanted_number_is_deleted_first()
    {
        var config = Config(withGlobex: false);
        var synced = Synced(Desired(config, LiveKitSyncMode.Static));
        var n1 = synced.Rule($"switchboard: {N1}");
        var stale = n1 with { Id = "SDR_stale", Name = "switchboard: +15550009999" };
        var actual = synced with { DispatchRules = [.. synced.DispatchRules.Where(r => r.Id != n1.Id), stale] };

        var plan = LiveKitSyncPlanner.Plan(Desired(config, LiveKitSyncMode.Static), actual);

        Assert.True(plan.IsValid, string.Join("; ", plan.Errors));
        Assert.Equal([(SyncAction.Delete, "SDR_stale"), (SyncAction.Create, (string?)null)], plan.Steps.Select(s => (s.Action, s.Id)));
    }

    [Fact]
    public void A_managed_trunk_no_longer_wanted_is_reported_not_deleted()
    {
        var synced = Synced(Desired(Config(), LiveKitSyncMode.Events));

        var plan = LiveKitSyncPlanner.Plan(LiveKitRules.Empty, synced);

        var step = Assert.Single(plan.Steps);
        Assert.Equal((SyncAction.Delete, SyncObjectKind.Rule), (step.Action, step.Kind));
        Assert.Contains(plan.Warnings, w => w.Contains($"lk sip inbound delete {synced.ManagedTrunk().Id}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_trunk_open_to_any_address_is_warned_about()
    {
        var desired = LiveKitDesiredState.Compute(Config(), LiveKitSyncMode.Events, ManagedTrunkSettings.None, Now);

        var plan = LiveKitSyncPlanner.Plan(desired, LiveKitRules.Empty);

        Assert.True(plan.IsValid);
        Assert.Contains(plan.Warnings, w => w.Contains("from any address", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_allowed_address_updates_the_trunk_and_says_which()
    {
        var synced = Synced(Desired(Config(), LiveKitSyncMode.Events));
        var settings = Twilio with { AllowedAddresses = [.. Twilio.AllowedAddresses, "54.65.63.192/30"] };

        var plan = LiveKitSyncPlanner.Plan(LiveKitDesiredState.Compute(Config(), LiveKitSyncMode.Events, settings, Now), synced);

        var step = Assert.Single(plan.Steps);
        Assert.Equal($"~ update trunk \"{ManagedObjects.TrunkName}\" {synced.ManagedTrunk().Id} (allowed_addresses: +54.65.63.192/30)", step.Describe());
    }

    [Fact]
    public void A_changed_password_is_named_but_never_shown()
    {
        var before = LiveKitDesiredState.Compute(Config(), LiveKitSyncMode.Events, new ManagedTrunkSettings { AuthUsername = "u", AuthPassword = "old-secret" }, Now);
        var after = LiveKitDesiredState.Compute(Config(), LiveKitSyncMode.Events, new ManagedTrunkSettings { AuthUsername = "u", AuthPassword = "new-secret" }, Now);

        var plan = LiveKitSyncPlanner.Plan(after, Synced(before));

        var line = Assert.Single(plan.Steps).Describe();
        Assert.Contains("auth_password", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
    }
}
