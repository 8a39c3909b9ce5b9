using static Switchboard.LiveKit.StandIn.Schema.ProtoField;

namespace Switchboard.LiveKit.StandIn.Schema;

/// <summary>
/// The LiveKit messages the stand-in reads and writes, field by field as LiveKit's .proto files declare them
/// (livekit_agent_dispatch.proto, livekit_sip.proto, livekit_room.proto, livekit_models.proto). Messages the stand-in
/// never looks into are <see cref="ProtoKind.Opaque"/>.
/// </summary>
internal static class LiveKitMessages
{
    public static readonly ProtoEnum JobRestartPolicy = new("livekit.JobRestartPolicy", ("JRP_ON_FAILURE", 0), ("JRP_NEVER", 1));
    public static readonly ProtoEnum JobType = new("livekit.JobType", ("JT_ROOM", 0), ("JT_PUBLISHER", 1), ("JT_PARTICIPANT", 2));
    public static readonly ProtoEnum JobStatus = new("livekit.JobStatus", ("JS_PENDING", 0), ("JS_RUNNING", 1), ("JS_SUCCESS", 2), ("JS_FAILED", 3));
    public static readonly ProtoEnum SipMediaEncryption = new("livekit.SIPMediaEncryption",
        ("SIP_MEDIA_ENCRYPT_DISABLE", 0), ("SIP_MEDIA_ENCRYPT_ALLOW", 1), ("SIP_MEDIA_ENCRYPT_REQUIRE", 2));
    public static readonly ProtoEnum SipHeaderOptions = new("livekit.SIPHeaderOptions", ("SIP_NO_HEADERS", 0), ("SIP_X_HEADERS", 1), ("SIP_ALL_HEADERS", 2));
    public static readonly ProtoEnum SipTransferStatus = new("livekit.SIPTransferStatus",
        ("STS_TRANSFER_ONGOING", 0), ("STS_TRANSFER_FAILED", 1), ("STS_TRANSFER_SUCCESSFUL", 2));
    public static readonly ProtoEnum SipTransferReason = new("livekit.SIPTransferReason",
        ("STR_UNSPECIFIED", 0), ("STR_COMPLETED", 1), ("STR_CALL_ENDED", 2), ("STR_REJECTED", 3), ("STR_RINGING_TIMEOUT", 4),
        ("STR_SUBSCRIPTION_TERMINATED", 5), ("STR_CANCELED", 6));

    // Only the values the stand-in writes; it reads these enums in no request.
    public static readonly ProtoEnum SipStatusCode = new("livekit.SIPStatusCode", ("SIP_STATUS_UNKNOWN", 0), ("SIP_STATUS_OK", 200));
    public static readonly ProtoEnum TrackSource = new("livekit.TrackSource",
        ("UNKNOWN", 0), ("CAMERA", 1), ("MICROPHONE", 2), ("SCREEN_SHARE", 3), ("SCREEN_SHARE_AUDIO", 4));
    public static readonly ProtoEnum ParticipantState = new("livekit.ParticipantInfo.State", ("JOINING", 0), ("JOINED", 1), ("ACTIVE", 2), ("DISCONNECTED", 3));
    public static readonly ProtoEnum ParticipantKind = new("livekit.ParticipantInfo.Kind",
        ("STANDARD", 0), ("INGRESS", 1), ("EGRESS", 2), ("SIP", 3), ("AGENT", 4), ("CONNECTOR", 7), ("BRIDGE", 8));
    public static readonly ProtoEnum ParticipantKindDetail = new("livekit.ParticipantInfo.KindDetail", ("CLOUD_AGENT", 0), ("FORWARDED", 1));
    public static readonly ProtoEnum DisconnectReason = new("livekit.DisconnectReason", ("UNKNOWN_REASON", 0), ("PARTICIPANT_REMOVED", 4), ("ROOM_DELETED", 5));
    public static readonly ProtoEnum ClientCapability = new("livekit.ClientInfo.Capability", ("CAP_UNUSED", 0));

    public static readonly ProtoMessage Empty = new("google.protobuf.Empty");

    public static readonly ProtoMessage Pagination = new("livekit.Pagination", Str("after_id"), Int32("limit"));

    public static readonly ProtoMessage ListUpdate = new("livekit.ListUpdate", Str("set").List(), Str("add").List(), Str("remove").List(), Bool("clear"));

    public static readonly ProtoMessage RoomAgentDispatch = new("livekit.RoomAgentDispatch",
        Str("agent_name"), Str("metadata"), Enumeration("restart_policy", JobRestartPolicy), Str("deployment"), Str("attributes").Map());

    public static readonly ProtoMessage RoomConfiguration = new("livekit.RoomConfiguration",
        Str("name"), UInt32("empty_timeout"), UInt32("departure_timeout"), UInt32("max_participants"), Str("metadata"), Opaque("egress"),
        UInt32("min_playout_delay"), UInt32("max_playout_delay"), Bool("sync_streams"), Msg("agents", RoomAgentDispatch).List(), Str("tags").Map());

    public static readonly ProtoMessage SipCodec = new("livekit.SIPCodec", Str("name"), UInt32("rate"));

    public static readonly ProtoMessage SipMediaConfig = new("livekit.SIPMediaConfig",
        Bool("only_listed_codecs"), Msg("codecs", SipCodec).List(), Enumeration("encryption", SipMediaEncryption).Opt(), Duration("media_timeout").Opt());

    // --- AgentDispatchService

    public static readonly ProtoMessage CreateAgentDispatchRequest = new("livekit.CreateAgentDispatchRequest",
        Str("agent_name"), Str("room"), Str("metadata"), Enumeration("restart_policy", JobRestartPolicy), Str("deployment"), Str("attributes").Map());

    public static readonly ProtoMessage ListAgentDispatchRequest = new("livekit.ListAgentDispatchRequest", Str("dispatch_id"), Str("room"));

    public static readonly ProtoMessage DeleteAgentDispatchRequest = new("livekit.DeleteAgentDispatchRequest", Str("dispatch_id"), Str("room"));

    public static readonly ProtoMessage JobState = new("livekit.JobState",
        Enumeration("status", JobStatus), Str("error"), Int64("started_at"), Int64("ended_at"), Int64("updated_at"), Str("participant_identity"),
        Str("worker_id"), Str("agent_id"));

    public static readonly ProtoMessage Job = new("livekit.Job",
        Str("id"), Str("dispatch_id"), Enumeration("type", JobType), Opaque("room"), Opaque("participant").Opt(), Str("namespace"), Str("metadata"),
        Str("agent_name"), Msg("state", JobState), Bool("enable_recording"), Str("deployment"), Str("attributes").Map(), Bool("enable_redaction"));

    public static readonly ProtoMessage AgentDispatchState = new("livekit.AgentDispatchState", Msg("jobs", Job).List(), Int64("created_at"), Int64("deleted_at"));

    public static readonly ProtoMessage AgentDispatch = new("livekit.AgentDispatch",
        Str("id"), Str("agent_name"), Str("room"), Str("metadata"), Msg("state", AgentDispatchState), Enumeration("restart_policy", JobRestartPolicy),
        Str("deployment"), Str("attributes").Map());

    public static readonly ProtoMessage ListAgentDispatchResponse = new("livekit.ListAgentDispatchResponse", Msg("agent_dispatches", AgentDispatch).List());

    // --- SIP dispatch rules

    public static readonly ProtoMessage SipDispatchRuleDirect = new("livekit.SIPDispatchRuleDirect", Str("room_name"), Str("pin"));

    public static readonly ProtoMessage SipDispatchRuleIndividual = new("livekit.SIPDispatchRuleIndividual", Str("room_prefix"), Str("pin"), Bool("no_randomness"));

    public static readonly ProtoMessage SipDispatchRuleCallee = new("livekit.SIPDispatchRuleCallee", Str("room_prefix"), Str("pin"), Bool("randomize"));

    public static readonly ProtoMessage SipDispatchRule = new("livekit.SIPDispatchRule",
        Msg("dispatch_rule_direct", SipDispatchRuleDirect).In("rule"),
        Msg("dispatch_rule_individual", SipDispatchRuleIndividual).In("rule"),
        Msg("dispatch_rule_callee", SipDispatchRuleCallee).In("rule"));

    public static readonly ProtoMessage SipDispatchRuleInfo = new("livekit.SIPDispatchRuleInfo",
        Str("sip_dispatch_rule_id"), Msg("rule", SipDispatchRule), Str("trunk_ids").List(), Bool("hide_phone_number"), Str("inbound_numbers").List(),
        Str("numbers").List(), Str("name"), Str("metadata"), Str("attributes").Map(), Str("room_preset"), Msg("room_config", RoomConfiguration),
        Msg("media", SipMediaConfig), Bool("krisp_enabled"), Enumeration("media_encryption", SipMediaEncryption), Timestamp("created_at"),
        Timestamp("updated_at"));

    public static readonly ProtoMessage CreateSipDispatchRuleRequest = new("livekit.CreateSIPDispatchRuleRequest",
        Msg("dispatch_rule", SipDispatchRuleInfo), Msg("rule", SipDispatchRule), Str("trunk_ids").List(), Bool("hide_phone_number"),
        Str("inbound_numbers").List(), Str("name"), Str("metadata"), Str("attributes").Map(), Str("room_preset"), Msg("room_config", RoomConfiguration));

    public static readonly ProtoMessage SipDispatchRuleUpdate = new("livekit.SIPDispatchRuleUpdate",
        Msg("trunk_ids", ListUpdate), Msg("rule", SipDispatchRule), Str("name").Opt(), Str("metadata").Opt(), Str("attributes").Map(),
        Enumeration("media_encryption", SipMediaEncryption).Opt(), Msg("media", SipMediaConfig));

    public static readonly ProtoMessage UpdateSipDispatchRuleRequest = new("livekit.UpdateSIPDispatchRuleRequest",
        Str("sip_dispatch_rule_id"), Msg("replace", SipDispatchRuleInfo).In("action"), Msg("update", SipDispatchRuleUpdate).In("action"));

    public static readonly ProtoMessage ListSipDispatchRuleRequest = new("livekit.ListSIPDispatchRuleRequest",
        Msg("page", Pagination), Str("dispatch_rule_ids").List(), Str("trunk_ids").List());

    public static readonly ProtoMessage ListSipDispatchRuleResponse = new("livekit.ListSIPDispatchRuleResponse", Msg("items", SipDispatchRuleInfo).List());

    public static readonly ProtoMessage DeleteSipDispatchRuleRequest = new("livekit.DeleteSIPDispatchRuleRequest", Str("sip_dispatch_rule_id"));

    // --- SIP inbound trunks

    public static readonly ProtoMessage SipInboundTrunkInfo = new("livekit.SIPInboundTrunkInfo",
        Str("sip_trunk_id"), Str("name"), Str("metadata"), Str("numbers").List(), Str("allowed_addresses").List(), Str("allowed_numbers").List(),
        Str("auth_username"), Str("auth_password"), Str("auth_realm"), Str("headers").Map(), Str("headers_to_attributes").Map(),
        Str("attributes_to_headers").Map(), Enumeration("include_headers", SipHeaderOptions), Duration("ringing_timeout"), Duration("max_call_duration"),
        Bool("krisp_enabled"), Enumeration("media_encryption", SipMediaEncryption), Msg("media", SipMediaConfig), Timestamp("created_at"),
        Timestamp("updated_at"));

    public static readonly ProtoMessage CreateSipInboundTrunkRequest = new("livekit.CreateSIPInboundTrunkRequest", Msg("trunk", SipInboundTrunkInfo));

    public static readonly ProtoMessage SipInboundTrunkUpdate = new("livekit.SIPInboundTrunkUpdate",
        Msg("numbers", ListUpdate), Msg("allowed_addresses", ListUpdate), Msg("allowed_numbers", ListUpdate), Str("auth_username").Opt(),
        Str("auth_password").Opt(), Str("auth_realm").Opt(), Str("name").Opt(), Str("metadata").Opt(),
        Enumeration("media_encryption", SipMediaEncryption).Opt(), Msg("media", SipMediaConfig));

    public static readonly ProtoMessage UpdateSipInboundTrunkRequest = new("livekit.UpdateSIPInboundTrunkRequest",
        Str("sip_trunk_id"), Msg("replace", SipInboundTrunkInfo).In("action"), Msg("update", SipInboundTrunkUpdate).In("action"));

    public static readonly ProtoMessage ListSipInboundTrunkRequest = new("livekit.ListSIPInboundTrunkRequest",
        Msg("page", Pagination), Str("trunk_ids").List(), Str("numbers").List());

    public static readonly ProtoMessage ListSipInboundTrunkResponse = new("livekit.ListSIPInboundTrunkResponse", Msg("items", SipInboundTrunkInfo).List());

    // --- SIP transfer

    public static readonly ProtoMessage TransferSipParticipantRequest = new("livekit.TransferSIPParticipantRequest",
        Str("participant_identity"), Str("room_name"), Str("transfer_to"), Bool("play_dialtone"), Str("headers").Map(), Duration("ringing_timeout"));

    public static readonly ProtoMessage SipStatus = new("livekit.SIPStatus", Enumeration("code", SipStatusCode), Str("status"));

    public static readonly ProtoMessage TransferSipParticipantResponse = new("livekit.TransferSIPParticipantResponse",
        Str("transfer_id"), Enumeration("status", SipTransferStatus), Enumeration("reason", SipTransferReason), Msg("sip_status", SipStatus));

    // --- RoomService

    public static readonly ProtoMessage RoomParticipantIdentity = new("livekit.RoomParticipantIdentity", Str("room"), Str("identity"), Int64("revoke_token_ts"));

    public static readonly ProtoMessage ParticipantPermission = new("livekit.ParticipantPermission",
        Bool("can_subscribe"), Bool("can_publish"), Bool("can_publish_data"), Enumeration("can_publish_sources", TrackSource).List(), Bool("hidden"),
        Bool("recorder"), Bool("can_update_metadata"), Bool("agent"), Bool("can_subscribe_metrics"), Bool("can_manage_agent_session"));

    public static readonly ProtoMessage UpdateParticipantRequest = new("livekit.UpdateParticipantRequest",
        Str("room"), Str("identity"), Str("metadata"), Msg("permission", ParticipantPermission), Str("name"), Str("attributes").Map());

    public static readonly ProtoMessage ParticipantInfo = new("livekit.ParticipantInfo",
        Str("sid"), Str("identity"), Enumeration("state", ParticipantState), Opaque("tracks").List(), Str("metadata"), Int64("joined_at"),
        Int64("joined_at_ms"), Str("name"), UInt32("version"), Msg("permission", ParticipantPermission), Str("region"), Bool("is_publisher"),
        Enumeration("kind", ParticipantKind), Str("attributes").Map(), Enumeration("disconnect_reason", DisconnectReason),
        Enumeration("kind_details", ParticipantKindDetail).List(), Opaque("data_tracks").List(), Int32("client_protocol"),
        Enumeration("capabilities", ClientCapability).List());

    public static readonly ProtoMessage ListParticipantsRequest = new("livekit.ListParticipantsRequest", Str("room"));

    public static readonly ProtoMessage ListParticipantsResponse = new("livekit.ListParticipantsResponse", Msg("participants", ParticipantInfo).List());

    public static readonly ProtoMessage DeleteRoomRequest = new("livekit.DeleteRoomRequest", Str("room"));
}
