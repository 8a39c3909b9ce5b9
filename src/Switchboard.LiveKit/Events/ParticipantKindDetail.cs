namespace Switchboard.LiveKit.Events;

/// <summary>A refinement of <see cref="ParticipantKind"/> (<c>livekit.ParticipantInfo.KindDetail</c>); values are the protobuf numbers.</summary>
/// <remarks>A repeated field, so protojson writes every element, <c>CLOUD_AGENT</c> (0) included.</remarks>
public enum ParticipantKindDetail
{
    /// <summary>A name this version does not know.</summary>
    Unrecognized = -1,

    CloudAgent = 0,
    Forwarded = 1,
    ConnectorWhatsapp = 2,
    ConnectorTwilio = 3,
    BridgeRtsp = 4,
    Simulation = 5,
}
