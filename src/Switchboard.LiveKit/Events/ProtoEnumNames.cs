namespace Switchboard.LiveKit.Events;

/// <summary>
/// The protobuf names of LiveKit's enum values (<c>SIP</c>, <c>CLIENT_INITIATED</c>, …): what protojson writes and what
/// LiveKit's docs and logs use. The parser reads these names (and the numbers) into the enums of this namespace.
/// </summary>
public static class ProtoEnumNames
{
    internal static readonly ProtoEnum<ParticipantKind> Kinds = new(
        ("STANDARD", ParticipantKind.Standard),
        ("INGRESS", ParticipantKind.Ingress),
        ("EGRESS", ParticipantKind.Egress),
        ("SIP", ParticipantKind.Sip),
        ("AGENT", ParticipantKind.Agent),
        ("CONNECTOR", ParticipantKind.Connector),
        ("BRIDGE", ParticipantKind.Bridge));

    internal static readonly ProtoEnum<ParticipantKindDetail> KindDetails = new(
        ("CLOUD_AGENT", ParticipantKindDetail.CloudAgent),
        ("FORWARDED", ParticipantKindDetail.Forwarded),
        ("CONNECTOR_WHATSAPP", ParticipantKindDetail.ConnectorWhatsapp),
        ("CONNECTOR_TWILIO", ParticipantKindDetail.ConnectorTwilio),
        ("BRIDGE_RTSP", ParticipantKindDetail.BridgeRtsp),
        ("SIMULATION", ParticipantKindDetail.Simulation));

    internal static readonly ProtoEnum<ParticipantState> States = new(
        ("JOINING", ParticipantState.Joining),
        ("JOINED", ParticipantState.Joined),
        ("ACTIVE", ParticipantState.Active),
        ("DISCONNECTED", ParticipantState.Disconnected));

    internal static readonly ProtoEnum<DisconnectReason> DisconnectReasons = new(
        ("UNKNOWN_REASON", DisconnectReason.UnknownReason),
        ("CLIENT_INITIATED", DisconnectReason.ClientInitiated),
        ("DUPLICATE_IDENTITY", DisconnectReason.DuplicateIdentity),
        ("SERVER_SHUTDOWN", DisconnectReason.ServerShutdown),
        ("PARTICIPANT_REMOVED", DisconnectReason.ParticipantRemoved),
        ("ROOM_DELETED", DisconnectReason.RoomDeleted),
        ("STATE_MISMATCH", DisconnectReason.StateMismatch),
        ("JOIN_FAILURE", DisconnectReason.JoinFailure),
        ("MIGRATION", DisconnectReason.Migration),
        ("SIGNAL_CLOSE", DisconnectReason.SignalClose),
        ("ROOM_CLOSED", DisconnectReason.RoomClosed),
        ("USER_UNAVAILABLE", DisconnectReason.UserUnavailable),
        ("USER_REJECTED", DisconnectReason.UserRejected),
        ("SIP_TRUNK_FAILURE", DisconnectReason.SipTrunkFailure),
        ("CONNECTION_TIMEOUT", DisconnectReason.ConnectionTimeout),
        ("MEDIA_FAILURE", DisconnectReason.MediaFailure),
        ("AGENT_ERROR", DisconnectReason.AgentError));

    internal static readonly ProtoEnum<TrackType> TrackTypes = new(
        ("AUDIO", TrackType.Audio),
        ("VIDEO", TrackType.Video),
        ("DATA", TrackType.Data));

    internal static readonly ProtoEnum<TrackSource> TrackSources = new(
        ("UNKNOWN", TrackSource.Unknown),
        ("CAMERA", TrackSource.Camera),
        ("MICROPHONE", TrackSource.Microphone),
        ("SCREEN_SHARE", TrackSource.ScreenShare),
        ("SCREEN_SHARE_AUDIO", TrackSource.ScreenShareAudio));

    /// <summary>The protobuf name (<c>SIP</c>), or null for <see cref="ParticipantKind.Unrecognized"/> and numbers this version does not know.</summary>
    public static string? ToProtoName(this ParticipantKind value) => Kinds.NameOf(value);

    /// <summary>The protobuf name (<c>CLOUD_AGENT</c>), or null for an unrecognized value.</summary>
    public static string? ToProtoName(this ParticipantKindDetail value) => KindDetails.NameOf(value);

    /// <summary>The protobuf name (<c>ACTIVE</c>), or null for an unrecognized value.</summary>
    public static string? ToProtoName(this ParticipantState value) => States.NameOf(value);

    /// <summary>The protobuf name (<c>CLIENT_INITIATED</c>), or null for an unrecognized value.</summary>
    public static string? ToProtoName(this DisconnectReason value) => DisconnectReasons.NameOf(value);

    /// <summary>The protobuf name (<c>AUDIO</c>), or null for an unrecognized value.</summary>
    public static string? ToProtoName(this TrackType value) => TrackTypes.NameOf(value);

    /// <summary>The protobuf name (<c>MICROPHONE</c>), or null for an unrecognized value.</summary>
    public static string? ToProtoName(this TrackSource value) => TrackSources.NameOf(value);
}
