using System.Text.Json;

namespace Switchboard.LiveKit.Tests.Interop;

/// <summary>Strict parsing of Twirp bodies with @livekit/protocol's message classes (tests/interop/twirp-request.mjs).</summary>
internal static partial class NodeSdk
{
    /// <summary>For each Twirp method the stand-in serves, the @livekit/protocol classes of its request and its answer.</summary>
    public static readonly IReadOnlyDictionary<string, (string Request, string Response)> TwirpMessages = new Dictionary<string, (string, string)>
    {
        ["CreateDispatch"] = ("CreateAgentDispatchRequest", "AgentDispatch"),
        ["ListDispatch"] = ("ListAgentDispatchRequest", "ListAgentDispatchResponse"),
        ["DeleteDispatch"] = ("DeleteAgentDispatchRequest", "AgentDispatch"),
        ["CreateSIPDispatchRule"] = ("CreateSIPDispatchRuleRequest", "SIPDispatchRuleInfo"),
        ["UpdateSIPDispatchRule"] = ("UpdateSIPDispatchRuleRequest", "SIPDispatchRuleInfo"),
        ["ListSIPDispatchRule"] = ("ListSIPDispatchRuleRequest", "ListSIPDispatchRuleResponse"),
        ["DeleteSIPDispatchRule"] = ("DeleteSIPDispatchRuleRequest", "SIPDispatchRuleInfo"),
        ["ListSIPInboundTrunk"] = ("ListSIPInboundTrunkRequest", "ListSIPInboundTrunkResponse"),
        ["CreateSIPInboundTrunk"] = ("CreateSIPInboundTrunkRequest", "SIPInboundTrunkInfo"),
        ["UpdateSIPInboundTrunk"] = ("UpdateSIPInboundTrunkRequest", "SIPInboundTrunkInfo"),
        ["TransferSIPParticipant"] = ("TransferSIPParticipantRequest", "TransferSIPParticipantResponse"),
        ["RemoveParticipant"] = ("RoomParticipantIdentity", "RemoveParticipantResponse"),
        ["UpdateParticipant"] = ("UpdateParticipantRequest", "ParticipantInfo"),
        ["ListParticipants"] = ("ListParticipantsRequest", "ListParticipantsResponse"),
        ["DeleteRoom"] = ("DeleteRoomRequest", "DeleteRoomResponse"),
    };

    /// <summary>
    /// Parses each body as the named @livekit/protocol message with <c>ignoreUnknownFields: false</c>; returns the message
    /// written back with proto field names, or null and the parser's error.
    /// </summary>
    public static async Task<IReadOnlyList<(JsonElement? Message, string? Error)>> ParseWithProtocolAsync(
        IEnumerable<(string Type, string Body)> bodies, CancellationToken cancellationToken)
    {
        var results = await RunAsync("twirp-request.mjs", bodies.Select(b => (object)new { type = b.Type, body = b.Body }), cancellationToken);
        return [.. results.Select(r => r.GetProperty("ok").GetBoolean()
            ? ((JsonElement?)r.GetProperty("message"), (string?)null)
            : (null, r.GetProperty("error").GetString()))];
    }
}
