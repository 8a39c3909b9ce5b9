using System.Collections.Frozen;

namespace Switchboard.Core.Lifecycle;

/// <summary>
/// Replays the events of a call's room into its lifecycle. Pure and order-insensitive: the result depends on the
/// set of events alone, so duplicates, retries and events that arrive out of order (the room finishing before the
/// caller's leave is delivered) all give the same answer once the same events are known.
/// </summary>
public static class CallTimeline
{
    /// <summary>
    /// Disconnect reasons (LiveKit's names) that make an ended call <see cref="CallOutcome.Failed"/>: the call broke rather
    /// than someone hanging up or an operator ending it. Not failures: <c>CLIENT_INITIATED</c> (hang-up),
    /// <c>PARTICIPANT_REMOVED</c> and <c>ROOM_DELETED</c> (ended through the API), <c>ROOM_CLOSED</c> (only agents were
    /// left), <c>MIGRATION</c> and an absent reason.
    /// </summary>
    public static FrozenSet<string> FailureReasons { get; } = new[]
    {
        "SIP_TRUNK_FAILURE", "MEDIA_FAILURE", "AGENT_ERROR", "JOIN_FAILURE", "CONNECTION_TIMEOUT", "SIGNAL_CLOSE",
        "SERVER_SHUTDOWN", "STATE_MISMATCH", "DUPLICATE_IDENTITY", "USER_UNAVAILABLE", "USER_REJECTED",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Computes the call's progress.</summary>
    /// <param name="callId">The call's <c>sip.callID</c>.</param>
    /// <param name="receivedAt">When Switchboard first saw the call (routing time, or the first event's time): where ringing starts at the latest.</param>
    /// <param name="rejected">Whether Switchboard rejected the call (an unanswered end is then <see cref="CallOutcome.Rejected"/>).</param>
    /// <param name="events">Every known event of the call's room, plus the call's own SIP events; others are ignored.</param>
    public static CallProgress Replay(string callId, DateTimeOffset receivedAt, bool rejected, IEnumerable<RoomEvent> events)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentNullException.ThrowIfNull(events);

        // Order by LiveKit's time; ties by event id, so the same set always replays the same way.
        var ordered = events.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();
        var own = ordered.Where(e => e.SipCallId == callId).ToList();
        if (own.Count == 0)
        {
            return CallProgress.NotInRoom;
        }

        var join = own.FirstOrDefault(e => e.Kind == RoomEventKind.ParticipantJoined);
        var anchor = join ?? own[0];
        var identity = anchor.ParticipantIdentity;
        var room = ordered.Where(e => e.RoomSid == anchor.RoomSid).ToList();

        var end = own.FirstOrDefault(e => e.Kind is RoomEventKind.ParticipantLeft or RoomEventKind.ParticipantConnectionAborted)
            ?? room.FirstOrDefault(e => e.Kind == RoomEventKind.RoomFinished);
        var limit = end?.OccurredAt ?? DateTimeOffset.MaxValue;
        var joinedAt = join?.OccurredAt;

        var agentJoinedAt = NotBefore(
            room.FirstOrDefault(e => e.Kind == RoomEventKind.ParticipantJoined && e.Role == ParticipantRole.Agent && e.OccurredAt <= limit)?.OccurredAt,
            joinedAt);

        // The bridge answers once another participant publishes audio it can subscribe to (normally the agent's voice).
        var answeredAt = NotBefore(
            room.FirstOrDefault(e => e.Kind == RoomEventKind.AudioTrackPublished && e.ParticipantIdentity != identity && e.OccurredAt <= limit)?.OccurredAt,
            joinedAt);

        var endedAt = end?.OccurredAt;
        var disconnectReason = end?.Kind == RoomEventKind.RoomFinished ? null : end?.DisconnectReason;
        var outcome = end is null ? (CallOutcome?)null : Outcome(end, disconnectReason, answeredAt is not null, rejected);

        var ringStart = joinedAt is { } joined && joined < receivedAt ? joined : receivedAt;
        var ringEnd = answeredAt ?? endedAt;
        var ringTime = ringEnd is { } stop ? NonNegative(stop - ringStart) : (TimeSpan?)null;
        var talkTime = answeredAt is { } answered && endedAt is { } ended ? NonNegative(ended - answered) : (TimeSpan?)null;

        var stage = endedAt is not null ? CallStage.Ended
            : answeredAt is not null ? CallStage.Answered
            : agentJoinedAt is not null ? CallStage.AgentJoined
            : CallStage.InRoom;

        return new CallProgress(stage, anchor.RoomSid, anchor.RoomName, identity, joinedAt, agentJoinedAt, answeredAt, endedAt,
            outcome, disconnectReason, ringTime, talkTime);
    }

    private static CallOutcome Outcome(RoomEvent end, string? disconnectReason, bool answered, bool rejected)
    {
        if (end.Kind == RoomEventKind.ParticipantConnectionAborted || (disconnectReason is not null && FailureReasons.Contains(disconnectReason)))
        {
            return CallOutcome.Failed;
        }

        return answered ? CallOutcome.Completed : rejected ? CallOutcome.Rejected : CallOutcome.Abandoned;
    }

    /// <summary>A room-wide moment seen from this call: something that happened before the caller joined counts from the join.</summary>
    private static DateTimeOffset? NotBefore(DateTimeOffset? moment, DateTimeOffset? joinedAt) =>
        moment is { } at && joinedAt is { } joined && at < joined ? joined : moment;

    private static TimeSpan NonNegative(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
