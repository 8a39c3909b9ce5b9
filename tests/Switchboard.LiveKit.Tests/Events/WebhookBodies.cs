using System.Text;
using Switchboard.LiveKit.Events;
using Xunit;

namespace Switchboard.LiveKit.Tests.Events;

/// <summary>
/// Webhook bodies for one inbound SIP call (livekit.md §1.7–1.8), written as LiveKit's sender writes them: protojson with
/// lowerCamelCase names, int64 as strings, enum names, and every field that holds its default left out.
/// </summary>
internal static class WebhookBodies
{
    public const string RoomSid = "RM_Xq7RkZbNw4Tc";
    public const string RoomName = "call_+14155550123_Ab3dEf6hJk9m";
    public const string CallerSid = "PA_Hk2mPq8sVw3Z";
    public const string CallerIdentity = "sip_+14155550123";
    public const string AgentSid = "PA_Ag3nTq7Wm2Xy";
    public const string AgentIdentity = "agent-AJ_Nq4Kw8Zp3Rt";
    public const string CallId = "SCL_9fTzQm4WkP2d";

    /// <summary>§1.8 step 3: the SIP participant's join created the room.</summary>
    public const string RoomStarted = """
        {"event":"room_started","room":{"sid":"RM_Xq7RkZbNw4Tc","name":"call_+14155550123_Ab3dEf6hJk9m","emptyTimeout":300,"departureTimeout":20,
        "creationTime":"1760000001","creationTimeMs":"1760000001234","version":{"unixMicro":"1760000001234567"}},"id":"EV_Rs5tQm2Wk8Zp","createdAt":"1760000001"}
        """;

    /// <summary>§1.7's example body: the SIP caller becomes active, still ringing.</summary>
    public const string CallerJoined = """
        {"event":"participant_joined",
         "room":{"sid":"RM_Xq7RkZbNw4Tc","name":"call_+14155550123_Ab3dEf6hJk9m","emptyTimeout":300,"departureTimeout":20,
                 "creationTime":"1760000001","creationTimeMs":"1760000001234","numParticipants":1,
                 "version":{"unixMicro":"1760000001234567"}},
         "participant":{"sid":"PA_Hk2mPq8sVw3Z","identity":"sip_+14155550123","state":"ACTIVE",
           "joinedAt":"1760000001","joinedAtMs":"1760000001456","name":"Phone +14155550123","version":2,
           "permission":{"canSubscribe":true,"canPublish":true,"canPublishData":true,"canUpdateMetadata":true},
           "kind":"SIP",
           "attributes":{"sip.callID":"SCL_9fTzQm4WkP2d","sip.callIDFull":"2f0c7e9a1b@203.0.113.10","sip.callTag":"a94f7c",
             "sip.trunkID":"ST_Ru3NbK8cYw2L","sip.ruleID":"SDR_Gt6VjH4nMx9Q","sip.phoneNumber":"+14155550123",
             "sip.hostname":"203.0.113.10","sip.trunkPhoneNumber":"+15550001111","sip.callStatus":"ringing",
             "sip.twilio.callSid":"CA0123456789abcdef0123456789abcdef","sip.twilio.accountSid":"AC0123456789abcdef0123456789abcdef"}},
         "id":"EV_3yQmW8xkTzUe","createdAt":"1760000001"}
        """;

    /// <summary>§1.8 step 4: the caller's audio; on track events the participant carries only sid and identity.</summary>
    public const string CallerTrackPublished = """
        {"event":"track_published","room":{"sid":"RM_Xq7RkZbNw4Tc","name":"call_+14155550123_Ab3dEf6hJk9m","emptyTimeout":300,"departureTimeout":20,
        "creationTime":"1760000001","creationTimeMs":"1760000001234","numParticipants":1,"numPublishers":1},
        "participant":{"sid":"PA_Hk2mPq8sVw3Z","identity":"sip_+14155550123"},
        "track":{"sid":"TR_AMk4Vb7Nq2Rw","name":"sip_+14155550123","source":"MICROPHONE","mimeType":"audio/opus","mid":"0",
        "codecs":[{"mimeType":"audio/opus","mid":"0"}],"version":{"unixMicro":"1760000001500000","ticks":1}},
        "id":"EV_Tp4kXw9Rm3Qa","createdAt":"1760000001"}
        """;

    /// <summary>§1.8 step 5: the dispatched agent becomes active.</summary>
    public const string AgentJoined = """
        {"event":"participant_joined","room":{"sid":"RM_Xq7RkZbNw4Tc","name":"call_+14155550123_Ab3dEf6hJk9m","emptyTimeout":300,"departureTimeout":20,
        "creationTime":"1760000001","creationTimeMs":"1760000001234","numParticipants":2,"numPublishers":1},
        "participant":{"sid":"PA_Ag3nTq7Wm2Xy","identity":"agent-AJ_Nq4Kw8Zp3Rt","state":"ACTIVE","joinedAt":"1760000002","joinedAtMs":"1760000002750",
        "name":"sales-bot","version":3,"permission":{"canSubscribe":true,"canPublish":true,"canPublishData":true,"agent":true,"canUpdateMetadata":true},
        "region":"us-west","kind":"AGENT","attributes":{"lk.agent.state":"initializing"},"kindDetails":["CLOUD_AGENT"]},
        "id":"EV_Ag7nJw3Kq9Xm","createdAt":"1760000002"}
        """;

    /// <summary>§1.8 step 5: the agent's voice; this is what makes the SIP bridge answer.</summary>
    public const string AgentTrackPublished = """
        {"event":"track_published","room":{"sid":"RM_Xq7RkZbNw4Tc","name":"call_+14155550123_Ab3dEf6hJk9m","emptyTimeout":300,"departureTimeout":20,
        "creationTime":"1760000001","creationTimeMs":"1760000001234","numParticipants":2,"numPublishers":2},
        "participant":{"sid":"PA_Ag3nTq7Wm2Xy","identity":"agent-AJ_Nq4Kw8Zp3Rt"},
        "track":{"sid":"TR_AgVc5Wq8Nm3K","name":"roomAudio","source":"MICROPHONE","mimeType":"audio/opus","muted":true},
        "id":"EV_Av2mQk7Wp4Zx","createdAt":"1760000003"}
        """;

    /// <summary>§1.8 step 7: the caller hangs up; its track goes first.</summary>
    public const string CallerTrackUnpublished = """
        {"event":"track_unpublished","room":{"sid":"RM_Xq7RkZbNw4Tc","name":"call_+14155550123_Ab3dEf6hJk9m","emptyTimeout":300,"departureTimeout":20,
        "creationTime":"1760000001","creationTimeMs":"1760000001234","numParticipants":2,"numPublishers":2},
        "participant":{"sid":"PA_Hk2mPq8sVw3Z","identity":"sip_+14155550123"},
        "track":{"sid":"TR_AMk4Vb7Nq2Rw","name":"sip_+14155550123","source":"MICROPHONE","mimeType":"audio/opus"},
        "id":"EV_Tu8nWk2Xq5Rm","createdAt":"1760000095"}
        """;

    /// <summary>§1.8 step 7: the caller leaves with the call status set to hangup.</summary>
    public const string CallerLeft = """
        {"event":"participant_left","room":{"sid":"RM_Xq7RkZbNw4Tc","name":"call_+14155550123_Ab3dEf6hJk9m","emptyTimeout":300,"departureTimeout":20,
        "creationTime":"1760000001","creationTimeMs":"1760000001234","numParticipants":1,"numPublishers":1},
        "participant":{"sid":"PA_Hk2mPq8sVw3Z","identity":"sip_+14155550123","state":"DISCONNECTED",
        "joinedAt":"1760000001","joinedAtMs":"1760000001456","name":"Phone +14155550123","version":5,
        "permission":{"canSubscribe":true,"canPublish":true,"canPublishData":true,"canUpdateMetadata":true},"kind":"SIP",
        "attributes":{"sip.callID":"SCL_9fTzQm4WkP2d","sip.callIDFull":"2f0c7e9a1b@203.0.113.10","sip.trunkID":"ST_Ru3NbK8cYw2L",
        "sip.ruleID":"SDR_Gt6VjH4nMx9Q","sip.phoneNumber":"+14155550123","sip.trunkPhoneNumber":"+15550001111","sip.callStatus":"hangup"},
        "disconnectReason":"CLIENT_INITIATED"},
        "id":"EV_Pl6mRw3Nk8Tq","createdAt":"1760000095"}
        """;

    /// <summary>§1.8 step 8: the agent's track goes as its session ends.</summary>
    public const string AgentTrackUnpublished = """
        {"event":"track_unpublished","room":{"sid":"RM_Xq7RkZbNw4Tc","name":"call_+14155550123_Ab3dEf6hJk9m","emptyTimeout":300,"departureTimeout":20,
        "creationTime":"1760000001","creationTimeMs":"1760000001234","numParticipants":1,"numPublishers":1},
        "participant":{"sid":"PA_Ag3nTq7Wm2Xy","identity":"agent-AJ_Nq4Kw8Zp3Rt"},
        "track":{"sid":"TR_AgVc5Wq8Nm3K","name":"roomAudio","source":"MICROPHONE","mimeType":"audio/opus"},
        "id":"EV_Tu3xQm9Wk2Zp","createdAt":"1760000115"}
        """;

    /// <summary>§1.8 step 8: only the agent was left, so the server closed the room under it.</summary>
    public const string AgentLeft = """
        {"event":"participant_left","room":{"sid":"RM_Xq7RkZbNw4Tc","name":"call_+14155550123_Ab3dEf6hJk9m","emptyTimeout":300,"departureTimeout":20,
        "creationTime":"1760000001","creationTimeMs":"1760000001234"},
        "participant":{"sid":"PA_Ag3nTq7Wm2Xy","identity":"agent-AJ_Nq4Kw8Zp3Rt","state":"DISCONNECTED","joinedAt":"1760000002","joinedAtMs":"1760000002750",
        "name":"sales-bot","version":4,"permission":{"canSubscribe":true,"canPublish":true,"canPublishData":true,"agent":true,"canUpdateMetadata":true},
        "region":"us-west","kind":"AGENT","attributes":{"lk.agent.state":"speaking"},"disconnectReason":"ROOM_CLOSED","kindDetails":["CLOUD_AGENT"]},
        "id":"EV_Al9kWm4Rq7Nx","createdAt":"1760000115"}
        """;

    /// <summary>§1.8 step 9: the room closes.</summary>
    public const string RoomFinished = """
        {"event":"room_finished","room":{"sid":"RM_Xq7RkZbNw4Tc","name":"call_+14155550123_Ab3dEf6hJk9m","emptyTimeout":300,"departureTimeout":20,
        "creationTime":"1760000001","creationTimeMs":"1760000001234"},"id":"EV_Rf2nXk8Wq5Tm","createdAt":"1760000115"}
        """;

    /// <summary>The whole call in delivery order.</summary>
    public static readonly string[] Sequence =
    [
        RoomStarted, CallerJoined, CallerTrackPublished, AgentJoined, AgentTrackPublished,
        CallerTrackUnpublished, CallerLeft, AgentTrackUnpublished, AgentLeft, RoomFinished,
    ];

    /// <summary>Parses a body that must be an event.</summary>
    public static WebhookEvent Parse(string body)
    {
        var result = WebhookEventParser.Parse(Encoding.UTF8.GetBytes(body));
        Assert.True(result.IsSuccess, result.Error);
        return result.Event;
    }

    /// <summary>The error for a body that must not be an event.</summary>
    public static string Error(string body)
    {
        var result = WebhookEventParser.Parse(Encoding.UTF8.GetBytes(body));
        Assert.False(result.IsSuccess, $"Parsed as {result.Event}");
        return result.Error;
    }
}
