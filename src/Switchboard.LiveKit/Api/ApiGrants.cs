namespace Switchboard.LiveKit.Api;

/// <summary>
/// The least grants each method needs (livekit.md §2 and §3.4), as token claims: LiveKit checks <c>video.room</c> against the
/// request's room, so an admin token is good for one room only.
/// </summary>
internal static class ApiGrants
{
    /// <summary>Agent dispatch and participant methods: <c>video {roomAdmin, room}</c>.</summary>
    public static Dictionary<string, object> RoomAdmin(string room) => new()
    {
        ["video"] = new Dictionary<string, object> { ["roomAdmin"] = true, ["room"] = room },
    };

    /// <summary>DeleteRoom: <c>video {roomCreate}</c>, not roomAdmin.</summary>
    public static Dictionary<string, object> RoomCreate() => new()
    {
        ["video"] = new Dictionary<string, object> { ["roomCreate"] = true },
    };

    /// <summary>Dispatch-rule and trunk methods: <c>sip {admin}</c>.</summary>
    public static Dictionary<string, object> SipAdmin() => new()
    {
        ["sip"] = new Dictionary<string, object> { ["admin"] = true },
    };

    /// <summary>TransferSIPParticipant: <c>sip {call}</c> and <c>video {roomAdmin, room}</c>.</summary>
    public static Dictionary<string, object> SipCall(string room) => new()
    {
        ["sip"] = new Dictionary<string, object> { ["call"] = true },
        ["video"] = new Dictionary<string, object> { ["roomAdmin"] = true, ["room"] = room },
    };
}
