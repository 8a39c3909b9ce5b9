using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Lifecycle;

namespace Switchboard.Data;

/// <summary>
/// The hot path's writes: the lead upsert, the call row and its first event, in one transaction.
/// Idempotency comes from the unique call id (insert-or-nothing), lead uniqueness from the unique
/// (tenant, phone) index (insert-or-update), so retries and concurrent calls neither duplicate nor lose counts.
/// </summary>
public sealed class CallRecorder(SwitchboardDb db, WriteGate gate)
{
    public const string LeadSourceInboundCall = "inbound_call";

    /// <summary>
    /// Records the call. When <paramref name="leadTenantId"/> and <paramref name="leadPhone"/> are set, the caller's
    /// lead is created or updated first, and <paramref name="renderResponse"/> gets it to build the stored answer.
    /// </summary>
    /// <param name="call">The call and its decision.</param>
    /// <param name="leadTenantId">The tenant whose lead the caller is, or null for no lead.</param>
    /// <param name="leadPhone">The caller's number, for the lead.</param>
    /// <param name="eventType">The call's first timeline entry (<c>routed</c>, <c>rejected</c>).</param>
    /// <param name="endedAtDecision">
    /// The outcome of a call its decision ends (a reject that never reaches a room, so no event will end it): stored as
    /// ended at <see cref="CallRecord.DecidedAtUtc"/>, with an <c>ended</c> timeline entry, as a call's events would end it.
    /// </param>
    /// <param name="renderResponse">Builds the answer stored for replay, given the lead.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<RecordOutcome> RecordAsync(CallRecord call, string? leadTenantId, string? leadPhone, string eventType, CallOutcome? endedAtDecision,
        Func<LeadTouch?, string> renderResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(renderResponse);
        using var entry = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        LeadTouch? lead = null;
        if (leadTenantId is not null && leadPhone is not null)
        {
            lead = await UpsertLeadAsync(leadTenantId, leadPhone, call.CampaignId, call.ReceivedAtUtc, cancellationToken);
        }

        var response = renderResponse(lead);
        var rowId = Guid.CreateVersion7();
        var stage = (endedAtDecision is null ? CallStage.Routed : CallStage.Ended).Code();
        var endedAt = endedAtDecision is null ? (DateTime?)null : call.DecidedAtUtc;
        var ringMs = endedAtDecision is null ? (long?)null : (long)(call.DecidedAtUtc - call.ReceivedAtUtc).TotalMilliseconds;   // rang until refused
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO calls (id, call_id, action, reason, agent_name, tenant_id, campaign_id, lead_id, from_raw, from_number, to_raw, to_number,
                               trunk_id, room_name, attributes_json, config_version, received_at_utc, decided_at_utc, trace_json, response_json, source,
                               stage, ended_at_utc, outcome, ring_ms)
            VALUES ({rowId}, {call.CallId}, {call.Action}, {call.Reason}, {call.AgentName}, {call.TenantId}, {call.CampaignId}, {lead?.Id},
                    {call.FromRaw}, {call.FromNumber}, {call.ToRaw}, {call.ToNumber}, {call.TrunkId}, {call.RoomName}, {call.AttributesJson},
                    {call.ConfigVersion}, {call.ReceivedAtUtc}, {call.DecidedAtUtc}, {call.TraceJson}, {response}, {call.Source},
                    {stage}, {endedAt}, {endedAtDecision?.Code()}, {ringMs})
            ON CONFLICT (call_id) DO NOTHING
            """, cancellationToken);

        if (inserted == 0)
        {
            // A retry or a concurrent duplicate: undo the lead update and replay the stored answer.
            await transaction.RollbackAsync(cancellationToken);
            return await ReplayAsync(call, cancellationToken);
        }

        // Both timeline entries carry the decision's time, and the timeline orders a tie by id: the "ended" entry gets the later id.
        Guid[] eventIds = [Guid.CreateVersion7(), Guid.CreateVersion7()];
        Array.Sort(eventIds);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO call_events (id, call_row_id, type, occurred_at_utc, data_json)
            VALUES ({eventIds[0]}, {rowId}, {eventType}, {call.DecidedAtUtc}, NULL)
            """, cancellationToken);
        if (endedAtDecision is { } outcome)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO call_events (id, call_row_id, type, occurred_at_utc, data_json)
                VALUES ({eventIds[1]}, {rowId}, {"ended"}, {call.DecidedAtUtc}, {CallTracker.EndedData(outcome, null, ringMs, null)})
                """, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new RecordOutcome(response, Replayed: false, Conflict: false);
    }

    private async Task<LeadTouch> UpsertLeadAsync(string tenantId, string phone, string? campaignId, DateTime atUtc, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<LeadTouch>($"""
            INSERT INTO leads (id, tenant_id, phone, source, first_campaign_id, last_campaign_id, call_count,
                               first_call_at_utc, last_call_at_utc, created_at_utc, updated_at_utc)
            VALUES ({Guid.CreateVersion7()}, {tenantId}, {phone}, {LeadSourceInboundCall}, {campaignId}, {campaignId}, 1, {atUtc}, {atUtc}, {atUtc}, {atUtc})
            ON CONFLICT (tenant_id, phone) DO UPDATE SET
                call_count = leads.call_count + 1,
                first_campaign_id = COALESCE(leads.first_campaign_id, excluded.first_campaign_id),
                last_campaign_id = COALESCE(excluded.last_campaign_id, leads.last_campaign_id),
                last_call_at_utc = excluded.last_call_at_utc,
                updated_at_utc = excluded.updated_at_utc
            RETURNING id AS "Id", call_count AS "CallCount"
            """).ToListAsync(cancellationToken);
        return rows[0];
    }

    private async Task<RecordOutcome> ReplayAsync(CallRecord call, CancellationToken cancellationToken)
    {
        var stored = await db.Calls.AsNoTracking()
            .Where(c => c.CallId == call.CallId)
            .Select(c => new { c.Id, c.ResponseJson, c.FromRaw, c.ToRaw })
            .SingleAsync(cancellationToken);
        var conflict = stored.FromRaw != call.FromRaw || stored.ToRaw != call.ToRaw;
        if (conflict)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO call_events (id, call_row_id, type, occurred_at_utc, data_json)
                VALUES ({Guid.CreateVersion7()}, {stored.Id}, {"duplicate_conflict"}, {call.ReceivedAtUtc}, NULL)
                """, cancellationToken);
        }

        return new RecordOutcome(stored.ResponseJson, Replayed: true, Conflict: conflict);
    }
}
