namespace Switchboard.Core.Lifecycle;

/// <summary>The LiveKit room events that move a call through its lifecycle; every other event is ignored.</summary>
public enum RoomEventKind
{
    ParticipantJoined,
    ParticipantLeft,

    /// <summary>A participant left without ever connecting (<c>participant_connection_aborted</c>).</summary>
    ParticipantConnectionAborted,

    /// <summary>An audio track was published (only audio matters: the SIP bridge answers on another participant's audio).</summary>
    AudioTrackPublished,

    RoomFinished,
}
