namespace Switchboard.LiveKit.StandIn;

/// <summary>How the stand-in writes successful answers.</summary>
public enum StandInAnswerStyle
{
    /// <summary>As LiveKit does (livekit.md §3.2): proto names, every field present, <c>null</c> for unset messages, int64 as strings.</summary>
    LiveKit,

    /// <summary>
    /// lowerCamelCase names, default values left out, int64 as JSON numbers: valid protobuf JSON that LiveKit does not emit
    /// today, for testing that a client reads both forms.
    /// </summary>
    CamelCase,
}
