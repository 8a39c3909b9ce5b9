namespace Switchboard.LiveKit.Events;

/// <summary>
/// The <see cref="WebhookEvent.Event"/> names LiveKit sends (livekit.md §1.5, <c>webhook/consts.go</c>). LiveKit adds events
/// without notice, so an event name is a string: compare with these, and ignore names you do not handle.
/// </summary>
public static class WebhookEventNames
{
    public const string RoomStarted = "room_started";
    public const string RoomFinished = "room_finished";

    /// <summary>A participant became active (media connected), not at signalling join.</summary>
    public const string ParticipantJoined = "participant_joined";

    /// <summary>A participant that had become active left; carries its <see cref="ParticipantInfo.DisconnectReason"/>.</summary>
    public const string ParticipantLeft = "participant_left";

    /// <summary>A participant left without ever becoming active.</summary>
    public const string ParticipantConnectionAborted = "participant_connection_aborted";

    /// <summary>A track was published; the event's participant has only its sid and identity (livekit.md §1.4).</summary>
    public const string TrackPublished = "track_published";

    /// <summary>A track was unpublished; the event's participant has only its sid and identity.</summary>
    public const string TrackUnpublished = "track_unpublished";

    public const string EgressStarted = "egress_started";
    public const string EgressUpdated = "egress_updated";
    public const string EgressEnded = "egress_ended";
    public const string IngressStarted = "ingress_started";
    public const string IngressEnded = "ingress_ended";

    /// <summary>The newest events: not emitted by the open-source server up to v1.13.5.</summary>
    public const string AgentJobStarted = "agent_job_started";

    /// <inheritdoc cref="AgentJobStarted"/>
    public const string AgentJobEnded = "agent_job_ended";
}
