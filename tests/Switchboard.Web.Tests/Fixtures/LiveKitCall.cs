using System.Globalization;
using System.Text.Json.Nodes;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>
/// One inbound SIP call as LiveKit reports it in its webhook events (livekit.md §1.7-1.8), written the way LiveKit's
/// sender writes them: camelCase names, 64-bit integers as strings, default values left out. Times are seconds after
/// <see cref="Start"/>; every event gets a fresh <c>EV_</c> id unless one is given.
/// </summary>
internal sealed record LiveKitCall(string CallId, string From, string To, DateTimeOffset Start)
{
    public string RoomSid { get; init; } = "RM_" + Guid.NewGuid().ToString("N")[..12];

    public string RoomName { get; init; } = $"call-{Guid.NewGuid():N}";

    public string TwilioCallSid { get; init; } = "CA" + Guid.NewGuid().ToString("N");

    public string CallerIdentity => "sip_" + From;

    public string AgentIdentity => "agent-AJ_" + RoomSid[3..];

    public static LiveKitCall New(string from, string to, DateTimeOffset start) => new(Calls.NewCallId(), from, to, start);

    /// <summary>When the caller's participant joined the room, in seconds after <see cref="Start"/>.</summary>
    public double JoinedAt { get; init; } = 1;

    public string CallerJoined() => Event("participant_joined", JoinedAt, Caller(left: null));

    public string CallerAudio(double at = 1.2) => Event("track_published", at, new JsonObject { ["sid"] = "PA_caller", ["identity"] = CallerIdentity }, AudioTrack("TR_caller"));

    public string AgentJoined(double at = 3) => Event("participant_joined", at, new JsonObject
    {
        ["sid"] = "PA_agent",
        ["identity"] = AgentIdentity,
        ["state"] = "ACTIVE",
        ["joinedAt"] = Seconds(at),
        ["joinedAtMs"] = Milliseconds(at),
        ["kind"] = "AGENT",
    });

    public string AgentAudio(double at = 4) => Event("track_published", at, new JsonObject { ["sid"] = "PA_agent", ["identity"] = AgentIdentity }, AudioTrack("TR_agent"));

    public string CallerLeft(double at = 64, string? reason = "CLIENT_INITIATED") => Event("participant_left", at, Caller(reason ?? ""));

    public string RoomFinished(double at = 84) => Event("room_finished", at, participant: null);

    /// <summary>The whole sequence of a call answered by an agent and hung up by the caller after a minute.</summary>
    public IReadOnlyList<string> AnsweredAndHungUp() => [CallerJoined(), CallerAudio(), AgentJoined(), AgentAudio(), CallerLeft(), RoomFinished()];

    public string Event(string name, double at, JsonObject? participant, JsonObject? track = null, string? id = null)
    {
        var body = new JsonObject
        {
            ["event"] = name,
            ["room"] = new JsonObject
            {
                ["sid"] = RoomSid,
                ["name"] = RoomName,
                ["emptyTimeout"] = 300,
                ["departureTimeout"] = 20,
                ["creationTime"] = Seconds(0),
            },
        };
        if (participant is not null)
        {
            body["participant"] = participant;
        }

        if (track is not null)
        {
            body["track"] = track;
        }

        body["id"] = id ?? "EV_" + Guid.NewGuid().ToString("N")[..12];
        body["createdAt"] = Seconds(at);
        return body.ToJsonString();
    }

    /// <summary>The caller's participant; <paramref name="left"/> is null while in the room, else the disconnect reason ("" for none).</summary>
    private JsonObject Caller(string? left)
    {
        var participant = new JsonObject
        {
            ["sid"] = "PA_caller",
            ["identity"] = CallerIdentity,
            ["state"] = left is null ? "ACTIVE" : "DISCONNECTED",
            ["joinedAt"] = Seconds(JoinedAt),
            ["joinedAtMs"] = Milliseconds(JoinedAt),
            ["name"] = "Phone " + From,
            ["kind"] = "SIP",
            ["attributes"] = new JsonObject
            {
                ["sip.callID"] = CallId,
                ["sip.callIDFull"] = "2f0c7e9a1b@203.0.113.10",
                ["sip.trunkID"] = "ST_Ru3NbK8cYw2L",
                ["sip.ruleID"] = "SDR_Gt6VjH4nMx9Q",
                ["sip.phoneNumber"] = From,
                ["sip.hostname"] = "203.0.113.10",
                ["sip.trunkPhoneNumber"] = To,
                ["sip.callStatus"] = left is null ? "ringing" : "hangup",
                ["sip.twilio.callSid"] = TwilioCallSid,
            },
        };
        if (!string.IsNullOrEmpty(left))
        {
            participant["disconnectReason"] = left;
        }

        return participant;
    }

    private static JsonObject AudioTrack(string sid) => new() { ["sid"] = sid, ["name"] = "audio", ["source"] = "MICROPHONE", ["mimeType"] = "audio/opus" };

    private string Seconds(double at) => Start.AddSeconds(at).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private string Milliseconds(double at) => Start.AddSeconds(at).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The event's id, read back from a body.</summary>
    public static string IdOf(string body) => JsonNode.Parse(body)!["id"]!.GetValue<string>();
}
