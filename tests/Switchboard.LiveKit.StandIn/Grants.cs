using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.LiveKit.StandIn;

/// <summary>LiveKit's grant checks (livekit.md §2 "Grant checks"), read from verified token claims.</summary>
internal static class Grants
{
    /// <summary><c>video.roomAdmin</c> and <c>video.room</c> equal to the request's room (a token without a room fails).</summary>
    public static bool RoomAdmin(JsonObject? claims, string room) =>
        Flag(claims, "video", "roomAdmin") && room.Length > 0 && Text(claims!["video"]?["room"]) == room;

    public static bool RoomCreate(JsonObject? claims) => Flag(claims, "video", "roomCreate");

    public static bool SipAdmin(JsonObject? claims) => Flag(claims, "sip", "admin");

    public static bool SipCall(JsonObject? claims) => Flag(claims, "sip", "call");

    private static bool Flag(JsonObject? claims, string grant, string name) =>
        claims?[grant]?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    private static string? Text(JsonNode? value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : null;
}
