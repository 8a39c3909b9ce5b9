namespace Switchboard.LiveKit.Events;

/// <summary>What kind of client a participant is (<c>livekit.ParticipantInfo.Kind</c>); values are the protobuf numbers.</summary>
public enum ParticipantKind
{
    /// <summary>A name this version does not know: LiveKit adds kinds without notice.</summary>
    Unrecognized = -1,

    /// <summary>A regular client such as a browser (<c>STANDARD</c>, the default, so protojson omits it).</summary>
    Standard = 0,

    Ingress = 1,
    Egress = 2,

    /// <summary>A phone leg bridged in by LiveKit SIP (<c>SIP</c>).</summary>
    Sip = 3,

    /// <summary>An agent worker (<c>AGENT</c>).</summary>
    Agent = 4,

    Connector = 7,
    Bridge = 8,
}
