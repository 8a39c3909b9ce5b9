namespace Switchboard.LiveKit.Events;

/// <summary>Where a track comes from (<c>livekit.TrackSource</c>); values are the protobuf numbers.</summary>
public enum TrackSource
{
    /// <summary>A name this version does not know.</summary>
    Unrecognized = -1,

    /// <summary><c>UNKNOWN</c>, the default, so protojson omits it.</summary>
    Unknown = 0,

    Camera = 1,

    /// <summary>A microphone; a SIP caller's audio is published with this source.</summary>
    Microphone = 2,

    ScreenShare = 3,
    ScreenShareAudio = 4,
}
