using Switchboard.Core.Configuration;
using Switchboard.Core.DispatchRules;
using Switchboard.Core.LiveKitSync;
using Switchboard.LiveKit.Api;

namespace Switchboard.Web.LiveKitSync;

/// <summary>
/// Makes LiveKit hold the trunk and dispatch rules Switchboard wants: lists LiveKit's trunks and rules, plans with
/// <see cref="LiveKitSyncPlanner"/> (only managed objects change; nothing is sent when the plan has errors), and applies the
/// steps in order — the trunk before the rules that name it (a created trunk's id replaces
/// <see cref="ManagedObjects.PendingTrunkId"/>), deletes last. Used by <c>switchboard livekit</c> and <see cref="Workers.StaticRulesSync"/>.
/// <para>
/// A create is sent once (the client never retries it). When a step fails in a way that may have changed LiveKit — no answer,
/// a timeout, a 5xx — or because LiveKit changed meanwhile (not found, conflict), the synchronizer lists again and plans
/// afresh: a rule created although its answer was lost is then found by name, not created twice. At most
/// <see cref="MaxAttempts"/> plans per sync; then the failure is thrown.
/// </para>
/// </summary>
public sealed partial class LiveKitSynchronizer(SipClient sip, ILogger<LiveKitSynchronizer> logger)
{
    public const int MaxAttempts = 3;

    /// <summary>What Switchboard wants in LiveKit for <paramref name="mode"/>: see <see cref="LiveKitDesiredState"/>.</summary>
    public static LiveKitRules Desired(SwitchboardConfig config, LiveKitMode mode, ManagedTrunkSettings trunk, DateTimeOffset now) =>
        LiveKitDesiredState.Compute(config, mode switch
        {
            LiveKitMode.Static => LiveKitSyncMode.Static,
            LiveKitMode.Webhook => LiveKitSyncMode.Webhook,
            _ => LiveKitSyncMode.Events,
        }, trunk, now);

    /// <summary>Every inbound trunk and dispatch rule LiveKit holds, the operator's included, page by page.</summary>
    public async Task<LiveKitRules> ListAsync(CancellationToken cancellationToken)
    {
        var trunks = await ListAllAsync(
            after => sip.ListSipInboundTrunkAsync(new ListSipInboundTrunkRequest { Page = after }, cancellationToken), t => t.SipTrunkId);
        var rules = await ListAllAsync(
            after => sip.ListSipDispatchRuleAsync(new ListSipDispatchRuleRequest { Page = after }, cancellationToken), r => r.SipDispatchRuleId);
        return LiveKitSyncMapping.ToCore(trunks, rules);
    }

    /// <summary>What a sync would change now; changes nothing.</summary>
    public async Task<LiveKitSyncPlan> PlanAsync(LiveKitRules desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return LiveKitSyncPlanner.Plan(desired, await ListAsync(cancellationToken));
    }

    /// <summary>
    /// Plans and applies. A plan LiveKit would refuse is returned with its errors and nothing applied; a LiveKit failure that
    /// persists after <see cref="MaxAttempts"/> plans, or that re-planning cannot help (authentication, permissions), is thrown
    /// as <see cref="LiveKitApiException"/>.
    /// </summary>
    public async Task<LiveKitSyncOutcome> SyncAsync(LiveKitRules desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        LiveKitSyncPlan? first = null;
        var applied = new List<SyncStep>();
        for (var attempt = 1; ; attempt++)
        {
            var plan = await PlanAsync(desired, cancellationToken);
            first ??= plan;
            if (!plan.IsValid)
            {
                Log.Refused(logger, plan.Errors.Count);
                return new LiveKitSyncOutcome(first, applied, plan.Errors);
            }

            try
            {
                await ApplyAsync(plan, applied, cancellationToken);
                if (applied.Count > 0)
                {
                    Log.Applied(logger, Count(applied, SyncAction.Create), Count(applied, SyncAction.Update), Count(applied, SyncAction.Delete));
                }

                return new LiveKitSyncOutcome(first, applied, []);
            }
            catch (LiveKitApiException exception) when (attempt < MaxAttempts && WorthPlanningAgain(exception))
            {
                Log.PlanningAgain(logger, exception.Method, exception.Code, attempt);
            }
        }
    }

    private async Task ApplyAsync(LiveKitSyncPlan plan, List<SyncStep> applied, CancellationToken cancellationToken)
    {
        string? createdTrunkId = null;
        foreach (var step in plan.Steps)
        {
            var id = step.Id;
            switch (step)
            {
                case { Kind: SyncObjectKind.Trunk, Action: SyncAction.Create, Trunk: { } trunk }:
                    id = createdTrunkId = (await sip.CreateSipInboundTrunkAsync(LiveKitSyncMapping.ToApi(trunk with { Id = "" }), cancellationToken)).SipTrunkId;
                    break;
                case { Kind: SyncObjectKind.Trunk, Action: SyncAction.Update, Id: { } trunkId, Trunk: { } trunk }:
                    await sip.ReplaceSipInboundTrunkAsync(trunkId, LiveKitSyncMapping.ToApi(trunk), cancellationToken);
                    break;
                case { Kind: SyncObjectKind.Rule, Action: SyncAction.Create, Rule: { } rule }:
                    id = (await sip.CreateSipDispatchRuleAsync(LiveKitSyncMapping.ToApi(Resolve(rule, createdTrunkId) with { Id = "" }), cancellationToken)).SipDispatchRuleId;
                    break;
                case { Kind: SyncObjectKind.Rule, Action: SyncAction.Update, Id: { } ruleId, Rule: { } rule }:
                    await sip.ReplaceSipDispatchRuleAsync(ruleId, LiveKitSyncMapping.ToApi(Resolve(rule, createdTrunkId)), cancellationToken);
                    break;
                case { Kind: SyncObjectKind.Rule, Action: SyncAction.Delete, Id: { } ruleId }:
                    await DeleteRuleAsync(ruleId, cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException($"A {step.Action} of a {step.Kind} cannot be applied.");
            }

            Log.StepApplied(logger, step.Action, step.Kind, id ?? "");
            applied.Add(step with { Id = id });
        }
    }

    private async Task DeleteRuleAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await sip.DeleteSipDispatchRuleAsync(id, cancellationToken);
        }
        catch (LiveKitApiException exception) when (exception.Code == TwirpErrorCode.NotFound)
        {
            // Already gone: deleted by a retry whose first answer was lost, or by someone else.
        }
    }

    /// <summary>The rule with the managed trunk's placeholder replaced by the id LiveKit gave the trunk created in this plan.</summary>
    private static DispatchRule Resolve(DispatchRule rule, string? createdTrunkId) =>
        rule.TrunkIds.Contains(ManagedObjects.PendingTrunkId)
            ? rule with
            {
                TrunkIds = [.. rule.TrunkIds.Select(id => id != ManagedObjects.PendingTrunkId ? id
                    : createdTrunkId ?? throw new InvalidOperationException("A rule names Switchboard's trunk before the plan created it."))],
            }
            : rule;

    private static bool WorthPlanningAgain(LiveKitApiException exception) =>
        exception.MayHaveBeenApplied
        || exception.Code is TwirpErrorCode.NotFound or TwirpErrorCode.InvalidArgument or TwirpErrorCode.AlreadyExists
            or TwirpErrorCode.FailedPrecondition or TwirpErrorCode.Aborted;

    private static int Count(List<SyncStep> steps, SyncAction action) => steps.Count(s => s.Action == action);

    /// <summary>Lists every item: pages after the last id seen, until a page brings nothing new (a server that ignores paging sends the same page again).</summary>
    private static async Task<List<T>> ListAllAsync<T>(Func<Pagination?, Task<IReadOnlyList<T>>> list, Func<T, string> id)
    {
        var all = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Pagination? after = null;
        while (true)
        {
            var fresh = (await list(after)).Where(item => seen.Add(id(item))).ToList();
            if (fresh.Count == 0)
            {
                return all;
            }

            all.AddRange(fresh);
            after = new Pagination { AfterId = fresh.Select(id).Max(StringComparer.Ordinal)! };
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "LiveKit sync applied: {Created} created, {Updated} updated, {Deleted} deleted")]
        public static partial void Applied(ILogger logger, int created, int updated, int deleted);

        [LoggerMessage(2, LogLevel.Debug, "LiveKit sync: {Action} {Kind} {Id} done")]
        public static partial void StepApplied(ILogger logger, SyncAction action, SyncObjectKind kind, string id);

        [LoggerMessage(3, LogLevel.Information, "LiveKit {Method} failed ({Code}) during sync attempt {Attempt}; listing LiveKit again and planning afresh")]
        public static partial void PlanningAgain(ILogger logger, string method, TwirpErrorCode code, int attempt);

        [LoggerMessage(4, LogLevel.Warning, "LiveKit sync not applied: LiveKit would refuse {Count} of the changes (run 'switchboard livekit status' for details)")]
        public static partial void Refused(ILogger logger, int count);
    }
}
