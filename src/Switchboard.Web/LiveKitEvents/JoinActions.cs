using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Core;
using Switchboard.Core.Configuration;
using Switchboard.Core.Lifecycle;
using Switchboard.Data;

namespace Switchboard.Web.LiveKitEvents;

/// <summary>
/// When a caller joins a room and Switchboard acts on joins (<see cref="LiveKitOptions.ActsOnJoin"/>), queues what the
/// call's recorded decision asks for: dispatch the agent (accept, with the watchdog's keys for when it does not join) or
/// hang up (reject). Queued once per call, whatever the duplicates; carried out by <see cref="Workers.CallActionWorker"/>.
/// </summary>
public sealed class JoinActions(
    SwitchboardDb db, RoutingTables tables, CallActionStore store, CallActionSignal signal, IOptions<LiveKitOptions> liveKit, TimeProvider clock)
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
            .Select(c => new { c.Action, c.AgentName, c.ResponseJson, c.ToNumber, c.TenantId, c.CampaignId })
            .SingleOrDefaultAsync(cancellationToken);
        if (call is null)
        {
            return;
        }

        var (kind, action) = call is { Action: "accept", AgentName: { } agent }
            ? (CallActionKinds.DispatchAgent, WithFallback(new CallActionData(joined.RoomName, joined.ParticipantIdentity, agent, MetadataOf(call.ResponseJson)),
                Fallback(call.ToNumber, call.TenantId, call.CampaignId)))
            : (CallActionKinds.RemoveCaller, new CallActionData(joined.RoomName, joined.ParticipantIdentity, null, null));
        var data = JsonSerializer.Serialize(action, CallActionJson.Default.CallActionData);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await store.EnqueueAsync(callId, kind, data, now, now, cancellationToken))
        {
            signal.Notify();
        }
    }

    /// <summary>The watchdog's keys for the call: its campaign's over its tenant's, from the configuration in force.</summary>
    private AgentFallback Fallback(string? dialed, string? tenantId, string? campaignId)
    {
        var route = tables.Current?.Find(dialed is null ? null : PhoneNumber.TryParse(dialed, PhoneNumber.DefaultRegion, out var number) ? number : null);
        if (route is null || route.Tenant.Id != tenantId)
        {
            return AgentFallback.None;
        }

        var campaign = route.Campaign is { } c && c.Id == campaignId ? c.Fallback : AgentFallback.None;
        return campaign.Over(route.Tenant.Fallback);
    }

    private static CallActionData WithFallback(CallActionData data, AgentFallback fallback) => data with
    {
        BackupAgent = fallback.BackupAgent != data.AgentName ? fallback.BackupAgent : null,
        TransferTo = fallback.FallbackTransferTo,
        TimeoutSeconds = (int)fallback.Timeout.TotalSeconds,
    };

    /// <summary>The answer's <c>metadata</c> object as a JSON string: what the agent gets as its job metadata.</summary>
    private static string? MetadataOf(string responseJson)
    {
        using var answer = JsonDocument.Parse(responseJson);
        return answer.RootElement.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object ? metadata.GetRawText() : null;
    }
}
