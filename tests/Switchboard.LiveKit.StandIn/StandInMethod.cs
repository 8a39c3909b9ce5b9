using System.Text.Json.Nodes;
using Switchboard.LiveKit.StandIn.Schema;
using static Switchboard.LiveKit.StandIn.Schema.LiveKitMessages;

namespace Switchboard.LiveKit.StandIn;

/// <summary>A Twirp method the stand-in serves: its request and answer messages, its grant check (livekit.md §3.4) and its effect.</summary>
internal sealed record StandInMethod(
    string Service,
    string Name,
    ProtoMessage Request,
    ProtoMessage Response,
    Func<JsonObject?, JsonObject, bool> Authorized,
    Func<StandInState, JsonObject, JsonObject> Apply)
{
    public static readonly IReadOnlyDictionary<string, StandInMethod> ByPath = new StandInMethod[]
    {
        new("livekit.AgentDispatchService", "CreateDispatch", CreateAgentDispatchRequest, AgentDispatch,
            (claims, body) => Grants.RoomAdmin(claims, Json.Str(body, "room")), (state, body) => state.CreateDispatch(body)),
        new("livekit.AgentDispatchService", "ListDispatch", ListAgentDispatchRequest, ListAgentDispatchResponse,
            (claims, body) => Grants.RoomAdmin(claims, Json.Str(body, "room")), (state, body) => state.ListDispatch(body)),
        new("livekit.AgentDispatchService", "DeleteDispatch", DeleteAgentDispatchRequest, AgentDispatch,
            (claims, body) => Grants.RoomAdmin(claims, Json.Str(body, "room")), (state, body) => state.DeleteDispatch(body)),

        new("livekit.SIP", "CreateSIPDispatchRule", CreateSipDispatchRuleRequest, SipDispatchRuleInfo,
            (claims, _) => Grants.SipAdmin(claims), (state, body) => state.CreateSipDispatchRule(body)),
        new("livekit.SIP", "UpdateSIPDispatchRule", UpdateSipDispatchRuleRequest, SipDispatchRuleInfo,
            (claims, _) => Grants.SipAdmin(claims), (state, body) => state.UpdateSipDispatchRule(body)),
        new("livekit.SIP", "ListSIPDispatchRule", ListSipDispatchRuleRequest, ListSipDispatchRuleResponse,
            (claims, _) => Grants.SipAdmin(claims), (state, body) => state.ListSipDispatchRule(body)),
        new("livekit.SIP", "DeleteSIPDispatchRule", DeleteSipDispatchRuleRequest, SipDispatchRuleInfo,
            (claims, _) => Grants.SipAdmin(claims), (state, body) => state.DeleteSipDispatchRule(body)),
        new("livekit.SIP", "ListSIPInboundTrunk", ListSipInboundTrunkRequest, ListSipInboundTrunkResponse,
            (claims, _) => Grants.SipAdmin(claims), (state, body) => state.ListSipInboundTrunk(body)),
        new("livekit.SIP", "CreateSIPInboundTrunk", CreateSipInboundTrunkRequest, SipInboundTrunkInfo,
            (claims, _) => Grants.SipAdmin(claims), (state, body) => state.CreateSipInboundTrunk(body)),
        new("livekit.SIP", "UpdateSIPInboundTrunk", UpdateSipInboundTrunkRequest, SipInboundTrunkInfo,
            (claims, _) => Grants.SipAdmin(claims), (state, body) => state.UpdateSipInboundTrunk(body)),
        new("livekit.SIP", "TransferSIPParticipant", TransferSipParticipantRequest, TransferSipParticipantResponse,
            (claims, body) => Grants.SipCall(claims) && Grants.RoomAdmin(claims, Json.Str(body, "room_name")), (state, body) => state.TransferSipParticipant(body)),

        new("livekit.RoomService", "RemoveParticipant", RoomParticipantIdentity, Empty,
            (claims, body) => Grants.RoomAdmin(claims, Json.Str(body, "room")), (state, body) => state.RemoveParticipant(body)),
        new("livekit.RoomService", "UpdateParticipant", UpdateParticipantRequest, ParticipantInfo,
            (claims, body) => Grants.RoomAdmin(claims, Json.Str(body, "room")), (state, body) => state.UpdateParticipant(body)),
        new("livekit.RoomService", "ListParticipants", ListParticipantsRequest, ListParticipantsResponse,
            (claims, body) => Grants.RoomAdmin(claims, Json.Str(body, "room")), (state, body) => state.ListParticipants(body)),
        new("livekit.RoomService", "DeleteRoom", DeleteRoomRequest, Empty,
            (claims, _) => Grants.RoomCreate(claims), (state, body) => state.DeleteRoom(body)),
    }.ToDictionary(m => $"/twirp/{m.Service}/{m.Name}", StringComparer.Ordinal);

    public static bool IsKnown(string name) => ByPath.Values.Any(m => m.Name == name);
}
