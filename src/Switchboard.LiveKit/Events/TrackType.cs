namespace Switchboard.LiveKit.Events;

/// <summary>A track's media type (<c>livekit.TrackType</c>); values are the protobuf numbers.</summary>
public enum TrackType
{
    /// <summary>A name this version does not know.</summary>
    Unrecognized = -1,

    /// <summary><c>AUDIO</c>, the default, so protojson omits it: an audio track's JSON has no <c>type</c>.</summary>
    Audio = 0,

    Video = 1,
    Data = 2,
}
