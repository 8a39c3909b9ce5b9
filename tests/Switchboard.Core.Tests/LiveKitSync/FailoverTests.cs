using Switchboard.Core.DispatchRules;
using Switchboard.Core.LiveKitSync;
using Xunit;
using static Switchboard.Core.Tests.LiveKitSync.Sync;

namespace Switchboard.Core.Tests.LiveKitSync;

/// <summary>What the failover guard puts in LiveKit while Switchboard is down, and how it swaps there and back.</summary>
public sealed class FailoverTests
{
    [Fact]
    public void Failover_keeps_the_catch_all_and_adds_the_static_rule_of_every_number()
    {
        var config = Config(globalAgent: "front-desk");

        var failover = Desired(config, LiveKitSyncMode.Failover);

        Assert.Equal(
            [ManagedObjects.CatchAllRuleName, .. Desired(config, LiveKitSyncMode.Static).DispatchRules.Select(r => r.Name)],
            failover.DispatchRules.Select(r => r.Name));
        Assert.Equal(Desired(config, LiveKitSyncMode.Events).ManagedTrunk().Numbers, failover.ManagedTrunk().Numbers);
    }

    [Fact]
    public void Swapping_to_failover_only_creates_rules_and_swapping_back_only_deletes_them()
    {
        var config = Config(globalAgent: "front-desk");
        var normal = Synced(Desired(config, LiveKitSyncMode.Events));
        var catchAllId = normal.Rule(ManagedObjects.CatchAllRuleName).Id;

        var swap = LiveKitSyncPlanner.Plan(Desired(config, LiveKitSyncMode.Failover), normal);
        var failedOver = Apply(normal, swap);
        var back = LiveKitSyncPlanner.Plan(Desired(config, LiveKitSyncMode.Events), failedOver);
        var restored = Apply(failedOver, back);

        Assert.True(swap.IsValid, string.Join("; ", swap.Errors));
        Assert.Equal([SyncAction.Create, SyncAction.Create, SyncAction.Create], swap.Steps.Select(s => s.Action));
        Assert.Equal([SyncAction.Delete, SyncAction.Delete, SyncAction.Delete], back.Steps.Select(s => s.Action));
        Assert.Equal(catchAllId, failedOver.Rule(ManagedObjects.CatchAllRuleName).Id);
        Assert.Equal(catchAllId, Assert.Single(restored.DispatchRules).Id);
    }

    [Theory]
    [InlineData(N1, "spring-bot")]
    [InlineData(N2, "acme-bot")]
    [InlineData(N3, "front-desk")]
    public void While_failed_over_LiveKit_gives_each_number_its_own_agent_before_the_catch_all(string dialed, string agent)
    {
        var failedOver = Synced(Desired(Config(globalAgent: "front-desk"), LiveKitSyncMode.Failover));

        var result = new DispatchRuleMatcher(failedOver).Evaluate(
            new DispatchRequest { Calling = "+14155550123", Called = dialed, SourceIp = "54.172.60.1" }, () => "abc");

        Assert.Equal(DispatchOutcome.Accept, result.Outcome);
        Assert.Equal($"switchboard: {dialed}", result.Rule?.Name);
        Assert.Equal(agent, Assert.Single(result.Rule!.Agents).AgentName);
    }

    [Fact]
    public void The_guard_fails_over_only_after_enough_failed_checks_in_a_row()
    {
        var thresholds = new GuardThresholds(failures: 3, recoveries: 2);

        var postures = Run(thresholds, false, false, true, false, false, false);

        Assert.Equal([GuardPosture.Unknown, GuardPosture.Unknown, GuardPosture.Unknown, GuardPosture.Unknown, GuardPosture.Unknown, GuardPosture.Failover], postures);
    }

    [Fact]
    public void The_guard_swaps_back_only_after_enough_good_checks_in_a_row()
    {
        var thresholds = new GuardThresholds(failures: 2, recoveries: 3);

        var postures = Run(thresholds, false, false, true, true, false, true, true, true);

        Assert.Equal(
            [GuardPosture.Unknown, GuardPosture.Failover, GuardPosture.Failover, GuardPosture.Failover, GuardPosture.Failover, GuardPosture.Failover, GuardPosture.Failover, GuardPosture.Normal],
            postures);
    }

    [Fact]
    public void A_healthy_start_settles_on_normal_and_one_failure_does_not_move_it()
    {
        var thresholds = new GuardThresholds(failures: 2, recoveries: 1);

        var postures = Run(thresholds, true, false, true, false, false);

        Assert.Equal([GuardPosture.Normal, GuardPosture.Normal, GuardPosture.Normal, GuardPosture.Normal, GuardPosture.Failover], postures);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void Thresholds_below_one_check_are_refused(int failures, int recoveries) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuardThresholds(failures, recoveries));

    private static List<GuardPosture> Run(GuardThresholds thresholds, params bool[] checks)
    {
        var state = GuardState.Start;
        var postures = new List<GuardPosture>();
        foreach (var healthy in checks)
        {
            state = state.Observe(healthy, thresholds);
            postures.Add(state.Posture);
        }

        return postures;
    }
}
