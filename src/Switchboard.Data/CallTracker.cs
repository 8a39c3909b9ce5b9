using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Core.Lifecycle;
using Switchboard.Data.Entities;

namespace Switchboard.Data;

/// <summary>
/// Applies LiveKit's webhook events to calls. Each event is stored once (its id is the key, so retries and duplicates
/// write nothing), then every call in the event's room is replayed from all the room's stored events
/// (<see cref="CallTimeline"/>) and its row brought up to date, with a timeline entry for each stage it newly reached.
/// Calls are locked while they are replayed, so concurrent events for one room never lose an update.
/// </summary>
public sealed class CallTracker(SwitchboardDb db, WriteGate gate)
{
    private static readonly JsonSerializerOptions EventDataJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Whether a call row exists for LiveKit's call id.</summary>
    public Task<bool> ExistsAsync(string callId, CancellationToken cancellationToken) =>
        db.Calls.AsNoTracking().AnyAsync(c => c.CallId == callId, cancellationToken);

    /// <summary>Adds an entry to a call's timeline (e.g. <c>agent_dispatched</c>); nothing when the call has no row.</summary>
    public async Task AddEventAsync(string callId, string type, string? dataJson, DateTime atUtc, CancellationToken cancellationToken)
    {
        using var entry = await gate.EnterAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO call_events (id, call_row_id, type, occurred_at_utc, data_json)
            SELECT {TimelineIds.Next()}, id, {type}, {atUtc}, {dataJson} FROM calls WHERE call_id = {callId}
            """, cancellationToken);
    }

    /// <summary>Stores the event and moves the calls of its room on.</summary>
    /// <param name="roomEvent">The event.</param>
    /// <param name="twilioCallSid">The SIP participant's Twilio call sid, when the event carries one.</param>
    /// <param name="receivedAtUtc">When the event reached us.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<TrackResult> ApplyAsync(RoomEvent roomEvent, string? twilioCallSid, DateTime receivedAtUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roomEvent);
        using var entry = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO livekit_events (event_id, kind, occurred_at_utc, received_at_utc, room_sid, room_name, participant_identity, role, sip_call_id, disconnect_reason)
            VALUES ({roomEvent.EventId}, {roomEvent.Kind.Code()}, {roomEvent.OccurredAt.UtcDateTime}, {receivedAtUtc}, {roomEvent.RoomSid}, {roomEvent.RoomName},
                    {roomEvent.ParticipantIdentity}, {roomEvent.Role.Code()}, {roomEvent.SipCallId}, {roomEvent.DisconnectReason})
            ON CONFLICT (event_id) DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            return TrackResult.AlreadySeen;
        }

        var calls = await LockCallsAsync(roomEvent, cancellationToken);
        var ended = new List<CallEnded>();
        var updated = 0;
        foreach (var call in calls)
        {
            var events = await RoomEventsOfAsync(call.CallId, cancellationToken);
            var progress = CallTimeline.Replay(call.CallId, AsUtc(call.ReceivedAtUtc), call.Action == "reject", events);
            if (roomEvent.SipCallId == call.CallId && twilioCallSid is not null)
            {
                call.TwilioCallSid ??= twilioCallSid;
            }

            if (Apply(call, progress) is { } end)
            {
                ended.Add(end);
            }

            updated += db.ChangeTracker.HasChanges() ? 1 : 0;
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new TrackResult(false, updated, ended);
    }

    /// <summary>The call the event names and every call already seen in its room, locked in id order (PostgreSQL; SQLite has one writer).</summary>
    private async Task<List<Call>> LockCallsAsync(RoomEvent roomEvent, CancellationToken cancellationToken)
    {
        var callId = roomEvent.SipCallId;
        var roomSid = roomEvent.RoomSid;
        return db.Database.IsNpgsql()
            ? await db.Calls.FromSql($"SELECT * FROM calls WHERE call_id = {callId} OR room_sid = {roomSid} ORDER BY id FOR UPDATE").ToListAsync(cancellationToken)
            : await db.Calls.Where(c => c.CallId == callId || c.RoomSid == roomSid).OrderBy(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The call's own events and every event of the rooms it was seen in.</summary>
    private async Task<List<RoomEvent>> RoomEventsOfAsync(string callId, CancellationToken cancellationToken)
    {
        var rooms = db.LiveKitEvents.Where(e => e.SipCallId == callId).Select(e => e.RoomSid);
        var rows = await db.LiveKitEvents.AsNoTracking()
            .Where(e => e.SipCallId == callId || rooms.Contains(e.RoomSid))
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(e => new RoomEvent(
            e.EventId,
            LifecycleCodes.Parse<RoomEventKind>(e.Kind),
            AsUtc(e.OccurredAtUtc),
            e.RoomSid,
            e.RoomName,
            e.ParticipantIdentity,
            LifecycleCodes.Parse<ParticipantRole>(e.Role),
            e.SipCallId,
            e.DisconnectReason));
    }

    /// <summary>The data of a call's <c>ended</c> timeline entry.</summary>
    internal static string EndedData(CallOutcome? outcome, string? disconnectReason, long? ringMs, long? talkMs) =>
        JsonSerializer.Serialize(new { outcome = outcome?.Code(), disconnect_reason = disconnectReason, ring_ms = ringMs, talk_ms = talkMs }, EventDataJson);

    /// <summary>Brings the row up to date and adds a timeline entry per newly reached stage; returns the end if it is new.</summary>
    private CallEnded? Apply(Call call, CallProgress progress)
    {
        // A call ended before any room was seen was ended by its decision (a webhook's reject, which LiveKit refuses before any
        // room exists): final. An event that names it anyway is stored, but neither reopens the call nor ends it a second time.
        if (progress.RoomSid is null || (call.EndedAtUtc is not null && call.RoomSid is null))
        {
            return null;
        }

        var wasEnded = call.EndedAtUtc is not null;
        Milestone(call, call.JoinedAtUtc, progress.JoinedAt, "in_room", null);
        Milestone(call, call.AgentJoinedAtUtc, progress.AgentJoinedAt, "agent_joined", null);
        Milestone(call, call.AnsweredAtUtc, progress.AnsweredAt, "answered", null);
        Milestone(call, call.EndedAtUtc, progress.EndedAt, "ended",
            EndedData(progress.Outcome, progress.DisconnectReason, Milliseconds(progress.RingTime), Milliseconds(progress.TalkTime)));

        call.Stage = progress.Stage.Code();
        call.RoomSid = progress.RoomSid;
        call.RoomName = progress.RoomName;
        call.ParticipantIdentity = progress.ParticipantIdentity;
        call.JoinedAtUtc = progress.JoinedAt?.UtcDateTime;
        call.AgentJoinedAtUtc = progress.AgentJoinedAt?.UtcDateTime;
        call.AnsweredAtUtc = progress.AnsweredAt?.UtcDateTime;
        call.EndedAtUtc = progress.EndedAt?.UtcDateTime;
        call.Outcome = progress.Outcome?.Code();
        call.DisconnectReason = progress.DisconnectReason;
        call.RingMs = Milliseconds(progress.RingTime);
        call.TalkMs = Milliseconds(progress.TalkTime);

        return !wasEnded && progress is { EndedAt: { } endedAt, Outcome: { } outcome }
            ? new CallEnded(call.CallId, call.TenantId, call.CampaignId, call.AgentName, outcome, endedAt, progress.RingTime, progress.TalkTime)
            : null;
    }

    /// <summary>A stage reached for the first time gets its timeline entry; a stage whose time a late event corrected does not get another.</summary>
    private void Milestone(Call call, DateTime? before, DateTimeOffset? now, string type, string? dataJson)
    {
        if (before is null && now is { } at)
        {
            db.CallEvents.Add(new CallEvent
            {
                Id = TimelineIds.Next(),
                CallRowId = call.Id,
                Type = type,
                OccurredAtUtc = at.UtcDateTime,
                DataJson = dataJson,
            });
        }
    }

    private static long? Milliseconds(TimeSpan? span) => span is { } s ? (long)s.TotalMilliseconds : null;

    private static DateTimeOffset AsUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
