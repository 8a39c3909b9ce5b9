namespace Switchboard.Data.Entities;

/// <summary>
/// A LiveKit webhook event that bears on a call's lifecycle, stored once per event id (the dedupe key) and replayed
/// with the other events of its room (see <c>CallTimeline</c>).
/// </summary>
public sealed class LiveKitEvent
{
    /// <summary>LiveKit's event id (<c>EV_…</c>).</summary>
    public required string EventId { get; set; }

    /// <summary>The lifecycle kind, snake_case (<c>participant_joined</c>, <c>audio_track_published</c>, …).</summary>
    public required string Kind { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public required string RoomSid { get; set; }

    public required string RoomName { get; set; }

    public string? ParticipantIdentity { get; set; }

    /// <summary><c>unknown</c>, <c>sip</c>, <c>agent</c> or <c>other</c>.</summary>
    public required string Role { get; set; }

    /// <summary>The SIP participant's <c>sip.callID</c>, on its join and leave events.</summary>
    public string? SipCallId { get; set; }

    public string? DisconnectReason { get; set; }
}
