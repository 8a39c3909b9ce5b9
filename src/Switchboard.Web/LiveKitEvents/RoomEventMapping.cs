using Switchboard.Core.Lifecycle;
using Switchboard.LiveKit.Events;

namespace Switchboard.Web.LiveKitEvents;

/// <summary>Reduces a LiveKit webhook event to the <see cref="RoomEvent"/> a call's lifecycle needs, or to nothing.</summary>
public static class RoomEventMapping
{
    /// <summary>Null for events that move no call on: egress, ingress, room_started, video tracks, events without a room.</summary>
    public static RoomEvent? ToRoomEvent(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (webhookEvent.Room is not { Sid.Length: > 0 } room)
        {
            return null;
        }

        var participant = webhookEvent.Participant;
        var (kind, at) = webhookEvent.Event switch
        {
            WebhookEventNames.ParticipantJoined when participant is not null => (RoomEventKind.ParticipantJoined, participant.JoinedAt ?? webhookEvent.CreatedAt),
            WebhookEventNames.ParticipantLeft when participant is not null => (RoomEventKind.ParticipantLeft, webhookEvent.CreatedAt),
            WebhookEventNames.ParticipantConnectionAborted when participant is not null => (RoomEventKind.ParticipantConnectionAborted, webhookEvent.CreatedAt),
            WebhookEventNames.TrackPublished when participant is not null && webhookEvent.Track is { IsAudio: true } => (RoomEventKind.AudioTrackPublished, webhookEvent.CreatedAt),
            WebhookEventNames.RoomFinished => (RoomEventKind.RoomFinished, webhookEvent.CreatedAt),
            _ => ((RoomEventKind?)null, default(DateTimeOffset)),
        };
        if (kind is not { } known)
        {
            return null;
        }

        // Track events carry only the participant's sid and identity, so their kind says nothing.
        var role = participant is null || known == RoomEventKind.AudioTrackPublished ? ParticipantRole.Unknown
            : participant.IsSip ? ParticipantRole.Sip
            : participant.IsAgent ? ParticipantRole.Agent
            : ParticipantRole.Other;
        var sipCallId = role == ParticipantRole.Sip ? participant!.SipCallId : null;
        var reason = known is RoomEventKind.ParticipantLeft or RoomEventKind.ParticipantConnectionAborted
            && participant!.DisconnectReason != DisconnectReason.UnknownReason
            ? participant.DisconnectReason.ToProtoName()
            : null;

        return new RoomEvent(webhookEvent.Id, known, at, room.Sid, room.Name, participant?.Identity, role,
            string.IsNullOrEmpty(sipCallId) ? null : sipCallId, reason);
    }
}
