using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core.Lifecycle;
using Switchboard.Data;

namespace Switchboard.Web.LiveKitEvents;

/// <summary>
/// When a caller joins a room and Switchboard acts on joins (<see cref="LiveKitOptions.ActsOnJoin"/>), queues what the
/// call's recorded decision asks for: dispatch the agent (accept) or hang up (reject). Queued once per call, whatever the
/// duplicates; carried out by <see cref="Workers.CallActionWorker"/>.
/// </summary>
public sealed class JoinActions(SwitchboardDb db, CallActionStore store, CallActionSignal signal, IOptions<LiveKitOptions> liveKit, TimeProvider clock)
{
    public async Task PlanAsync(RoomEvent joined, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(joined);
        if (!liveKit.Value.ActsOnJoin || joined is not { Kind: RoomEventKind.ParticipantJoined, Role: ParticipantRole.Sip, SipCallId: { } callId })
        {
            return;
        }

        var call = await db.Calls.AsNoTracking()
            .Where(c => c.CallId == callId)
            .Select(c => new { c.Action, c.AgentName, c.ResponseJson })
            .SingleOrDefaultAsync(cancellationToken);
        if (call is null)
        {
            return;
        }

        var (kind, data) = call is { Action: "accept", AgentName: { } agent }
            ? (CallActionKinds.DispatchAgent, JsonSerializer.Serialize(new CallActionData(joined.RoomName, joined.ParticipantIdentity, agent, MetadataOf(call.ResponseJson)), CallActionJson.Default.CallActionData))
            : (CallActionKinds.RemoveCaller, JsonSerializer.Serialize(new CallActionData(joined.RoomName, joined.ParticipantIdentity, null, null), CallActionJson.Default.CallActionData));
        var now = clock.GetUtcNow().UtcDateTime;
        if (await store.EnqueueAsync(callId, kind, data, now, now, cancellationToken))
        {
            signal.Notify();
        }
    }

    /// <summary>The answer's <c>metadata</c> object as a JSON string: what the agent gets as its job metadata.</summary>
    private static string? MetadataOf(string responseJson)
    {
        using var answer = JsonDocument.Parse(responseJson);
        return answer.RootElement.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object ? metadata.GetRawText() : null;
    }
}
