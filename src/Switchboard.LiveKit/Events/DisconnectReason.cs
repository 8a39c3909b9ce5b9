namespace Switchboard.LiveKit.Events;

/// <summary>Why a participant left (<c>livekit.DisconnectReason</c>, livekit.md §1.6); values are the protobuf numbers.</summary>
public enum DisconnectReason
{
    /// <summary>A name this version does not know: LiveKit adds reasons without notice.</summary>
    Unrecognized = -1,

    /// <summary><c>UNKNOWN_REASON</c>, the default, so protojson omits it.</summary>
    UnknownReason = 0,

    /// <summary>The client hung up or disconnected itself; a SIP caller's BYE or CANCEL.</summary>
    ClientInitiated = 1,

    DuplicateIdentity = 2,
    ServerShutdown = 3,

    /// <summary>RoomService.RemoveParticipant was called.</summary>
    ParticipantRemoved = 4,

    /// <summary>RoomService.DeleteRoom was called.</summary>
    RoomDeleted = 5,

    StateMismatch = 6,
    JoinFailure = 7,
    Migration = 8,
    SignalClose = 9,

    /// <summary>The room closed because only agents or egress were left in it.</summary>
    RoomClosed = 10,

    /// <summary>SIP callee did not answer in time.</summary>
    UserUnavailable = 11,

    /// <summary>SIP callee rejected the call (busy).</summary>
    UserRejected = 12,

    SipTrunkFailure = 13,
    ConnectionTimeout = 14,
    MediaFailure = 15,
    AgentError = 16,
}
