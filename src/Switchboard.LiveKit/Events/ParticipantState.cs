namespace Switchboard.LiveKit.Events;

/// <summary>A participant's connection state (<c>livekit.ParticipantInfo.State</c>); values are the protobuf numbers.</summary>
public enum ParticipantState
{
    /// <summary>A name this version does not know.</summary>
    Unrecognized = -1,

    /// <summary>Signalling connected, no offer yet (<c>JOINING</c>, the default, so protojson omits it).</summary>
    Joining = 0,

    Joined = 1,

    /// <summary>Media connected: <c>participant_joined</c> is sent when a participant gets here.</summary>
    Active = 2,

    Disconnected = 3,
}
