using System.Text.Json;
using Switchboard.Data;
using Switchboard.Data.Entities;
using Switchboard.LiveKit.Api;

namespace Switchboard.Web.LiveKitEvents;

/// <summary>
/// Carries out one leased <see cref="CallAction"/> against LiveKit's API. A dispatch lists the room's dispatches before
/// creating one, so a retry after an answer that was lost (LiveKit created it, we never heard) finds it instead of
/// dispatching a second agent. Transient failures are retried with backoff; LiveKit's refusals are final.
/// </summary>
public sealed partial class CallActionRunner(
    CallActionStore store, CallTracker tracker, AgentDispatchClient dispatches, RoomServiceClient rooms, TimeProvider clock, ILogger<CallActionRunner> logger)
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
                CallActionKinds.DispatchAgent => await DispatchAsync(data, cancellationToken),
                CallActionKinds.RemoveCaller => await RemoveAsync(data, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown call action kind '{action.Kind}'."),
            };
            var json = JsonSerializer.Serialize(result, CallActionJson.Default.CallActionResult);
            var now = clock.GetUtcNow().UtcDateTime;
            if (await store.CompleteAsync(action, json, now, cancellationToken) > 0)
            {
                await tracker.AddEventAsync(action.CallId, result.Event, json, now, cancellationToken);
                Log.Done(logger, action.CallId, result.Event);
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
                var failed = new CallActionResult(action.Kind == CallActionKinds.DispatchAgent ? "dispatch_failed" : "remove_failed", AgentName: data.AgentName);
                await tracker.AddEventAsync(action.CallId, failed.Event, JsonSerializer.Serialize(failed, CallActionJson.Default.CallActionResult), now, cancellationToken);
            }
        }
    }

    private async Task<CallActionResult> DispatchAsync(CallActionData data, CancellationToken cancellationToken)
    {
        var agent = data.AgentName ?? throw new InvalidOperationException("A dispatch action names no agent.");
        var existing = (await dispatches.ListDispatchAsync(data.Room, cancellationToken: cancellationToken))
            .FirstOrDefault(d => d.AgentName == agent && d.State is not { DeletedAt: > 0 });
        if (existing is not null)
        {
            return new CallActionResult("agent_dispatched", existing.Id, agent, Found: true);
        }

        var created = await dispatches.CreateDispatchAsync(
            new CreateAgentDispatchRequest { AgentName = agent, Room = data.Room, Metadata = data.Metadata ?? "" }, cancellationToken);
        return new CallActionResult("agent_dispatched", created.Id, agent);
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
    }
}
