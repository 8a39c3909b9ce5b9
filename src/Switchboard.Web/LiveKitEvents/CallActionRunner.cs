using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Data.Entities;
using Switchboard.LiveKit.Api;

namespace Switchboard.Web.LiveKitEvents;

/// <summary>
/// Carries out one leased <see cref="CallAction"/> against LiveKit's API.
/// <list type="bullet">
/// <item>A dispatch lists the room's dispatches before creating one, so a retry after an answer that was lost (LiveKit created
/// it, we never heard) finds it instead of dispatching a second agent; then it sets the watchdog's deadline.</item>
/// <item>The routed agent is not dispatched into a room that already has a named agent's dispatch, whatever its agent: LiveKit
/// made it from a rule whose <c>room_config</c> names agents (such as a failover guard's rule, put in place while Switchboard
/// was down), and a second dispatch would put two agents on the call. It is recorded as found, and the watchdog watches it.
/// LiveKit's unnamed dispatch, which it gives every room no rule names agents for, reaches only unnamed workers and does not
/// count.</item>
/// <item>At the deadline, unless the agent joined or the call ended, the watchdog deletes the pending dispatch (so two agents
/// never join), checks the room's participants, records <c>agent_timeout</c>, and queues the backup agent or the transfer.</item>
/// <item>A transfer that may have happened (no answer) is checked against the room before it is tried again.</item>
/// </list>
/// Transient failures are retried with backoff; LiveKit's refusals are final.
/// </summary>
public sealed partial class CallActionRunner(
    SwitchboardDb db,
    CallActionStore store,
    CallTracker tracker,
    CallActionSignal signal,
    AgentDispatchClient dispatches,
    RoomServiceClient rooms,
    SipClient sip,
    TimeProvider clock,
    ILogger<CallActionRunner> logger)
{
    public const int MaxAttempts = 6;

    public async Task RunAsync(CallAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var data = JsonSerializer.Deserialize(action.DataJson, CallActionJson.Default.CallActionData)
            ?? throw new InvalidOperationException($"Call action {action.Id} has no data.");
        try
        {
            var result = action.Kind switch
            {
                CallActionKinds.DispatchAgent => await DispatchAsync(action, data, CallActionKinds.AgentTimeout, cancellationToken),
                CallActionKinds.DispatchBackup => await DispatchAsync(action, data, CallActionKinds.BackupTimeout, cancellationToken),
                CallActionKinds.AgentTimeout or CallActionKinds.BackupTimeout => await DeadlineAsync(action, data, cancellationToken),
                CallActionKinds.TransferCaller => await TransferAsync(action, data, cancellationToken),
                CallActionKinds.RemoveCaller => await RemoveAsync(data, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown call action kind '{action.Kind}'."),
            };
            var json = JsonSerializer.Serialize(result, CallActionJson.Default.CallActionResult);
            var now = clock.GetUtcNow().UtcDateTime;
            if (await store.CompleteAsync(action, json, now, cancellationToken) > 0 && result.Event is { } timelineEvent)
            {
                await tracker.AddEventAsync(action.CallId, timelineEvent, json, now, cancellationToken);
                Log.Done(logger, action.CallId, timelineEvent);
            }
        }
        catch (LiveKitApiException ex) when (IsTransient(ex) && action.Attempts < MaxAttempts)
        {
            var delay = TimeSpan.FromSeconds(Math.Pow(2, action.Attempts - 1) / 2);    // 0.5 s, 1 s, 2 s, 4 s, 8 s
            Log.Retrying(logger, action.Kind, action.CallId, action.Attempts, ex.Message);
            await store.RetryAsync(action, ex.Message, clock.GetUtcNow().Add(delay).UtcDateTime, cancellationToken);
        }
        catch (LiveKitApiException ex)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            Log.Failed(logger, action.Kind, action.CallId, action.Attempts, ex);
            if (await store.FailAsync(action, ex.Message, now, cancellationToken) > 0)
            {
                var failed = new CallActionResult(FailureEvent(action.Kind), AgentName: data.AgentName, TransferTo: data.TransferTo);
                await tracker.AddEventAsync(action.CallId, failed.Event!, JsonSerializer.Serialize(failed, CallActionJson.Default.CallActionResult), now, cancellationToken);
            }
        }
    }

    private async Task<CallActionResult> DispatchAsync(CallAction action, CallActionData data, string deadlineKind, CancellationToken cancellationToken)
    {
        var agent = data.AgentName ?? throw new InvalidOperationException("A dispatch action names no agent.");
        var live = (await dispatches.ListDispatchAsync(data.Room, cancellationToken: cancellationToken))
            .Where(d => d.State is not { DeletedAt: > 0 })
            .ToList();
        // Ours first (an earlier attempt's); for the routed agent, then any named agent's (LiveKit's own, see above).
        var existing = live.FirstOrDefault(d => d.AgentName == agent)
            ?? (action.Kind == CallActionKinds.DispatchAgent ? live.FirstOrDefault(d => d.AgentName.Length > 0) : null);
        var dispatch = existing ?? await dispatches.CreateDispatchAsync(
            new CreateAgentDispatchRequest { AgentName = agent, Room = data.Room, Metadata = data.Metadata ?? "" }, cancellationToken);
        var dispatched = existing?.AgentName ?? agent;
        if (dispatched != agent)
        {
            Log.AlreadyDispatched(logger, action.CallId, dispatched, dispatch.Id, agent);
        }

        // The deadline is queued before the dispatch is marked done: a crash in between re-runs the dispatch, which finds it.
        var deadline = data with { AgentName = dispatched, DispatchId = dispatch.Id };
        var now = clock.GetUtcNow();
        if (await store.EnqueueAsync(action.CallId, deadlineKind, JsonSerializer.Serialize(deadline, CallActionJson.Default.CallActionData),
            now.AddSeconds(data.TimeoutSeconds ?? Core.Configuration.AgentFallback.DefaultTimeoutSeconds).UtcDateTime, now.UtcDateTime, cancellationToken))
        {
            signal.Notify();
        }

        return new CallActionResult("agent_dispatched", dispatch.Id, dispatched, Found: existing is null ? null : true);
    }

    private async Task<CallActionResult> DeadlineAsync(CallAction action, CallActionData data, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking()
            .Where(c => c.CallId == action.CallId)
            .Select(c => new { c.AgentJoinedAtUtc, c.EndedAtUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (call is null || call.EndedAtUtc is not null)
        {
            return new CallActionResult(null, data.DispatchId, data.AgentName, Outcome: "call_ended");
        }

        if (call.AgentJoinedAtUtc is not null)
        {
            return new CallActionResult(null, data.DispatchId, data.AgentName, Outcome: "agent_joined");
        }

        if (data.DispatchId is { } dispatchId)
        {
            try
            {
                await dispatches.DeleteDispatchAsync(data.Room, dispatchId, cancellationToken);
            }
            catch (LiveKitApiException ex) when (ex.Code == TwirpErrorCode.NotFound)
            {
                // Already gone (or deleted by an earlier attempt whose answer was lost).
            }
        }

        IReadOnlyList<ParticipantInfo> present;
        try
        {
            present = await rooms.ListParticipantsAsync(data.Room, cancellationToken);
        }
        catch (LiveKitApiException ex) when (ex.Code == TwirpErrorCode.NotFound)
        {
            present = [];
        }

        if (present.Any(p => p.Kind == ParticipantKind.Agent))
        {
            return new CallActionResult(null, data.DispatchId, data.AgentName, Outcome: "agent_present");     // its join event is late
        }

        if (!present.Any(p => p.Identity == data.Identity))
        {
            return new CallActionResult(null, data.DispatchId, data.AgentName, Outcome: "caller_gone");
        }

        var backup = action.Kind == CallActionKinds.AgentTimeout ? data.BackupAgent : null;
        var (next, kind, nextData) = backup is not null
            ? ("backup_agent", CallActionKinds.DispatchBackup, data with { AgentName = backup, DispatchId = null, BackupAgent = null })
            : data.TransferTo is not null
                ? ("transfer", CallActionKinds.TransferCaller, data with { DispatchId = null, BackupAgent = null })
                : ("none", null, null);
        if (kind is not null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await store.EnqueueAsync(action.CallId, kind, JsonSerializer.Serialize(nextData!, CallActionJson.Default.CallActionData), now, now, cancellationToken);
            signal.Notify();
        }

        Log.AgentTimeout(logger, action.CallId, data.AgentName ?? "", data.TimeoutSeconds ?? 0, next);
        return new CallActionResult("agent_timeout", data.DispatchId, data.AgentName, Outcome: next, TransferTo: kind == CallActionKinds.TransferCaller ? data.TransferTo : null);
    }

    private async Task<CallActionResult> TransferAsync(CallAction action, CallActionData data, CancellationToken cancellationToken)
    {
        var identity = data.Identity ?? throw new InvalidOperationException("A transfer action names no participant.");
        var target = data.TransferTo ?? throw new InvalidOperationException("A transfer action names no target.");
        if (action.Attempts > 1 && !await IsPresentAsync(data.Room, identity, cancellationToken))
        {
            // An earlier attempt got no answer and the caller has left the room: the transfer went through.
            return new CallActionResult("caller_transferred", TransferTo: target, Outcome: "caller_gone");
        }

        await sip.TransferSipParticipantAsync(new TransferSipParticipantRequest { RoomName = data.Room, ParticipantIdentity = identity, TransferTo = target }, cancellationToken);
        return new CallActionResult("caller_transferred", TransferTo: target);
    }

    private async Task<bool> IsPresentAsync(string room, string identity, CancellationToken cancellationToken)
    {
        try
        {
            return (await rooms.ListParticipantsAsync(room, cancellationToken)).Any(p => p.Identity == identity);
        }
        catch (LiveKitApiException ex) when (ex.Code == TwirpErrorCode.NotFound)
        {
            return false;
        }
    }

    private async Task<CallActionResult> RemoveAsync(CallActionData data, CancellationToken cancellationToken)
    {
        try
        {
            await rooms.RemoveParticipantAsync(data.Room, data.Identity ?? throw new InvalidOperationException("A remove action names no participant."), cancellationToken);
        }
        catch (LiveKitApiException ex) when (ex.Code == TwirpErrorCode.NotFound)
        {
            // The caller already left (or the room is gone): nothing left to hang up.
        }

        return new CallActionResult("caller_removed");
    }

    private static string FailureEvent(string kind) => kind switch
    {
        CallActionKinds.DispatchAgent or CallActionKinds.DispatchBackup => "dispatch_failed",
        CallActionKinds.TransferCaller => "transfer_failed",
        CallActionKinds.RemoveCaller => "remove_failed",
        _ => "watchdog_failed",
    };

    private static bool IsTransient(LiveKitApiException ex) =>
        ex.HttpStatus is null or 429 or >= 500
        || ex.Code is TwirpErrorCode.Unavailable or TwirpErrorCode.DeadlineExceeded or TwirpErrorCode.Internal or TwirpErrorCode.Unknown
            or TwirpErrorCode.ResourceExhausted or TwirpErrorCode.Aborted or TwirpErrorCode.DataLoss;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Call {CallId}: {Event}")]
        public static partial void Done(ILogger logger, string callId, string @event);

        [LoggerMessage(2, LogLevel.Warning, "Call {CallId}: {Kind} attempt {Attempt} failed, will retry: {Error}")]
        public static partial void Retrying(ILogger logger, string kind, string callId, int attempt, string error);

        [LoggerMessage(3, LogLevel.Error, "Call {CallId}: {Kind} failed after {Attempts} attempt(s)")]
        public static partial void Failed(ILogger logger, string kind, string callId, int attempts, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "Call {CallId}: agent {Agent} did not join within {TimeoutSeconds} s; next: {Next}")]
        public static partial void AgentTimeout(ILogger logger, string callId, string agent, int timeoutSeconds, string next);

        [LoggerMessage(5, LogLevel.Information, "Call {CallId}: the room already has agent {Agent} (dispatch {DispatchId}); {Routed} is not dispatched beside it")]
        public static partial void AlreadyDispatched(ILogger logger, string callId, string agent, string dispatchId, string routed);
    }
}
