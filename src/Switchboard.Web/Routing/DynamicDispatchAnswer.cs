using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchboard.Web.Routing;

/// <summary>
/// Writes the answer to LiveKit's proposed dynamic-dispatch webhook (livekit.md §5) from the seed answer stored for the call:
/// <c>{"dispatch_action":"accept","room_name","metadata","attributes","room_config":{"agents":[{"agent_name","metadata"}]}}</c> or
/// <c>{"dispatch_action":"reject","reject_reason"}</c>. Derived from the stored answer alone, so a repeated call id gets the
/// same bytes back. Never <c>pin</c> (the branch's PIN flow cannot work), never <c>transfer</c> (the branch drops the call).
/// </summary>
public static class DynamicDispatchAnswer
{
    public const string RoomPrefix = "call-";

    /// <summary>JSON text inside a JSON string reads better with <c>\"</c> than <c>\u0022</c>; the answer is never embedded in HTML.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The call's room: one per call, named after LiveKit's call id, so that a repeated evaluation of the same call (a retransmitted
    /// INVITE, a retry) sends the caller to the same room, and the room says which call it holds.
    /// </summary>
    public static string RoomName(string callId) => RoomPrefix + callId;

    /// <param name="seedAnswer">The seed webhook's answer for the call, as <see cref="RouteAnswer"/> wrote and the call row stores it.</param>
    /// <param name="roomName">The call's room (<see cref="RoomName"/>).</param>
    public static string Render(string seedAnswer, string roomName)
    {
        ArgumentNullException.ThrowIfNull(seedAnswer);
        using var seed = JsonDocument.Parse(seedAnswer);
        var answer = seed.RootElement;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            if (answer.GetProperty("action").ValueEquals("accept"u8))
            {
                // The agent's job metadata and the caller's participant metadata: the seed answer's metadata object, as a string,
                // the same text the join's CreateDispatch sends.
                var metadata = answer.GetProperty("metadata").GetRawText();
                json.WriteString("dispatch_action", "accept");
                json.WriteString("room_name", roomName);
                json.WriteString("metadata", metadata);
                json.WritePropertyName("attributes");
                answer.GetProperty("attributes").WriteTo(json);
                json.WriteStartObject("room_config");
                json.WriteStartArray("agents");
                json.WriteStartObject();
                json.WriteString("agent_name", answer.GetProperty("agent_name").GetString());
                json.WriteString("metadata", metadata);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            else
            {
                json.WriteString("dispatch_action", "reject");
                json.WriteString("reject_reason", answer.GetProperty("reject_reason").GetString());
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
