namespace Switchboard.Core.Lifecycle;

/// <summary>
/// One LiveKit webhook event reduced to what a call's lifecycle needs. Built at the edge from the signed event;
/// stored once per event id, and replayed with the other events of its room whenever one of them arrives.
/// </summary>
/// <param name="EventId">LiveKit's event id (<c>EV_…</c>), the same on every retry: the dedupe key.</param>
/// <param name="Kind">What happened.</param>
/// <param name="OccurredAt">When LiveKit says it happened (a join's own millisecond time when given, else the event's time).</param>
/// <param name="RoomSid">The room instance (<c>RM_…</c>); a room name can be reused, a sid cannot.</param>
/// <param name="RoomName">The room's name.</param>
/// <param name="ParticipantIdentity">The participant the event is about, if any.</param>
/// <param name="Role">What that participant is.</param>
/// <param name="SipCallId">The participant's <c>sip.callID</c> attribute: set only for SIP participants' join and leave events.</param>
/// <param name="DisconnectReason">LiveKit's disconnect reason name on leave events (e.g. <c>CLIENT_INITIATED</c>), else null.</param>
public sealed record RoomEvent(
    string EventId,
    RoomEventKind Kind,
    DateTimeOffset OccurredAt,
    string RoomSid,
    string RoomName,
    string? ParticipantIdentity,
    ParticipantRole Role,
    string? SipCallId,
    string? DisconnectReason);
