using System.Text;
using Switchboard.LiveKit.Events;
using Xunit;
using static Switchboard.LiveKit.Tests.Events.WebhookBodies;

namespace Switchboard.LiveKit.Tests.Events;

/// <summary>Bodies that are not webhook events: a result with a message that names the problem, never an exception.</summary>
public sealed class WebhookEventParserErrorTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"event\":\"room_started\",}")]
    [InlineData("{\"event\":'room_started'}")]
    [InlineData("not json")]
    [InlineData("{\"event\":\"room_started\",\"id\":\"EV_1\"} {}")]
    [InlineData("{\"event\":\"room_started\",\"id\":\"EV_1\"}x")]
    [InlineData("{\"event\":\"room_started\",\"id\":\"EV_1\" // comment\n}")]
    public void Malformed_json_is_refused_with_the_readers_reason(string body)
    {
        var error = Error(body);

        Assert.StartsWith("The body is not well-formed JSON: ", error, StringComparison.Ordinal);
        Assert.Contains("BytePositionInLine", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_maximum_is_refused()
    {
        var nested = string.Concat(Enumerable.Repeat("[", WebhookEventParser.MaxDepth)) + string.Concat(Enumerable.Repeat("]", WebhookEventParser.MaxDepth));

        var error = Error($$"""{"event":"room_started","id":"EV_1","deep":{{nested}}}""");

        Assert.StartsWith("The body is not well-formed JSON: The maximum configured depth of 64 has been exceeded.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"event\":\"room_started\",\"id\":\"EV_1\",\"createdAt\":\"\\ud800\"}", "createdAt")]
    [InlineData("{\"event\":\"participant_joined\",\"id\":\"EV_1\",\"participant\":{\"identity\":\"sip_1\",\"joinedAt\":\"1\\udc00\"}}", "participant.joinedAt")]
    public void An_integer_string_escaping_a_lone_surrogate_is_refused_by_its_field(string body, string field)
    {
        var error = Error(body);

        Assert.Contains(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        byte[] body = [.. """{"event":"room_started","id":"EV_1","room":{"name":"""u8, (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}', (byte)'}'];

        var result = WebhookEventParser.Parse(body);

        Assert.Equal("The body is not valid UTF-8.", result.Error);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"event\":\"room_started\",\"id\":\"EV_1\"}]")]
    [InlineData("\"room_started\"")]
    [InlineData("5")]
    [InlineData("null")]
    [InlineData("true")]
    public void A_body_that_is_not_an_object_is_refused(string body)
    {
        Assert.Equal("The body is not a JSON object.", Error(body));
    }

    [Theory]
    [InlineData("""{"id":"EV_1","createdAt":"1760000001"}""", "event")]
    [InlineData("""{"event":"","id":"EV_1"}""", "event")]
    [InlineData("""{"event":null,"id":"EV_1"}""", "event")]
    [InlineData("""{}""", "event")]
    [InlineData("""{"event":"room_started","createdAt":"1760000001"}""", "id")]
    [InlineData("""{"event":"room_started","id":""}""", "id")]
    [InlineData("""{"event":"room_started","id":null}""", "id")]
    public void Missing_event_or_id_is_refused(string body, string field)
    {
        Assert.Equal($"The body has no '{field}' field.", Error(body));
    }

    [Theory]
    [InlineData("""{"event":5,"id":"EV_1"}""", "Field 'event' must be a string.")]
    [InlineData("""{"event":"room_started","id":["EV_1"]}""", "Field 'id' must be a string.")]
    [InlineData("""{"event":"room_started","id":"EV_1","createdAt":"abc"}""", "Field 'createdAt' must be a 64-bit integer (a JSON number or a string holding one).")]
    [InlineData("""{"event":"room_started","id":"EV_1","createdAt":1.5}""", "Field 'createdAt' must be a 64-bit integer (a JSON number or a string holding one).")]
    [InlineData("""{"event":"room_started","id":"EV_1","createdAt":" 1"}""", "Field 'createdAt' must be a 64-bit integer (a JSON number or a string holding one).")]
    [InlineData("""{"event":"room_started","id":"EV_1","createdAt":""}""", "Field 'createdAt' must be a 64-bit integer (a JSON number or a string holding one).")]
    [InlineData("""{"event":"room_started","id":"EV_1","createdAt":"9223372036854775808"}""", "Field 'createdAt' must be a 64-bit integer (a JSON number or a string holding one).")]
    [InlineData("""{"event":"room_started","id":"EV_1","createdAt":true}""", "Field 'createdAt' must be a 64-bit integer (a JSON number or a string holding one).")]
    [InlineData("""{"event":"room_started","id":"EV_1","createdAt":"9223372036854775807"}""", "Field 'createdAt' is out of range for a Unix time.")]
    [InlineData("""{"event":"room_started","id":"EV_1","room":5}""", "Field 'room' must be an object.")]
    [InlineData("""{"event":"room_started","id":"EV_1","room":[]}""", "Field 'room' must be an object.")]
    [InlineData("""{"event":"room_started","id":"EV_1","room":{"sid":7}}""", "Field 'room.sid' must be a string.")]
    [InlineData("""{"event":"room_started","id":"EV_1","room":{"emptyTimeout":-1}}""", "Field 'room.emptyTimeout' must be an unsigned 32-bit integer (a JSON number or a string holding one).")]
    [InlineData("""{"event":"room_started","id":"EV_1","room":{"empty_timeout":4294967296}}""", "Field 'room.emptyTimeout' must be an unsigned 32-bit integer (a JSON number or a string holding one).")]
    [InlineData("""{"event":"room_started","id":"EV_1","room":{"numParticipants":"many"}}""", "Field 'room.numParticipants' must be an unsigned 32-bit integer (a JSON number or a string holding one).")]
    [InlineData("""{"event":"room_started","id":"EV_1","room":{"activeRecording":"yes"}}""", "Field 'room.activeRecording' must be true or false.")]
    [InlineData("""{"event":"room_started","id":"EV_1","room":{"creationTimeMs":"-9223372036854775808"}}""", "Field 'room.creationTimeMs' is out of range for a Unix time.")]
    [InlineData("""{"event":"room_started","id":"EV_1","room":{"creationTime":"253402300800"}}""", "Field 'room.creationTime' is out of range for a Unix time.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":"PA_1"}""", "Field 'participant' must be an object.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"attributes":[]}}""", "Field 'participant.attributes' must be an object.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"attributes":"sip.callID=SCL_1"}}""", "Field 'participant.attributes' must be an object.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"attributes":{"sip.callID":5}}}""", "Field 'participant.attributes[\"sip.callID\"]' must be a string.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"attributes":{"sip.callID":null}}}""", "Field 'participant.attributes[\"sip.callID\"]' must be a string.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"kind":true}}""", "Field 'participant.kind' must be an enum value name (a string) or number.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"kind":3.5}}""", "Field 'participant.kind' must be an enum value name (a string) or number.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"state":{}}}""", "Field 'participant.state' must be an enum value name (a string) or number.")]
    [InlineData("""{"event":"participant_left","id":"EV_1","participant":{"disconnect_reason":4294967296}}""", "Field 'participant.disconnectReason' must be an enum value name (a string) or number.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"kindDetails":"CLOUD_AGENT"}}""", "Field 'participant.kindDetails' must be an array.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"kindDetails":["CLOUD_AGENT",null]}}""", "Field 'participant.kindDetails[1]' must be an enum value name (a string) or number.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"joinedAt":{}}}""", "Field 'participant.joinedAt' must be a 64-bit integer (a JSON number or a string holding one).")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"joinedAtMs":"1760000001456.5"}}""", "Field 'participant.joinedAtMs' must be a 64-bit integer (a JSON number or a string holding one).")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"isPublisher":1}}""", "Field 'participant.isPublisher' must be true or false.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"permission":true}}""", "Field 'participant.permission' must be an object.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"permission":{"canPublish":"true"}}}""", "Field 'participant.permission.canPublish' must be true or false.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"permission":{"canPublishSources":["MICROPHONE",true]}}}""", "Field 'participant.permission.canPublishSources[1]' must be an enum value name (a string) or number.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"tracks":{}}}""", "Field 'participant.tracks' must be an array.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"tracks":[5]}}""", "Field 'participant.tracks[0]' must be an object.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"tracks":[{"sid":"TR_1"},null]}}""", "Field 'participant.tracks[1]' must be an object.")]
    [InlineData("""{"event":"participant_joined","id":"EV_1","participant":{"tracks":[{"sid":"TR_1"},{"sid":"TR_2","source":[]}]}}""", "Field 'participant.tracks[1].source' must be an enum value name (a string) or number.")]
    [InlineData("""{"event":"track_published","id":"EV_1","track":"TR_1"}""", "Field 'track' must be an object.")]
    [InlineData("""{"event":"track_published","id":"EV_1","track":{"muted":"false"}}""", "Field 'track.muted' must be true or false.")]
    [InlineData("""{"event":"track_published","id":"EV_1","track":{"type":"AUDIO","mime_type":0}}""", "Field 'track.mimeType' must be a string.")]
    [InlineData("""{"event":"egress_started","id":"EV_1","egressInfo":"EG_1"}""", "Field 'egressInfo' must be an object.")]
    [InlineData("""{"event":"ingress_started","id":"EV_1","ingress_info":[]}""", "Field 'ingressInfo' must be an object.")]
    [InlineData("""{"event":"agent_job_started","id":"EV_1","job":1}""", "Field 'job' must be an object.")]
    public void A_known_field_of_the_wrong_type_is_refused_by_its_path(string body, string expected)
    {
        Assert.Equal(expected, Error(body));
    }

    [Fact]
    public void A_string_escaping_a_lone_surrogate_is_refused_by_its_path()
    {
        Assert.Equal(
            "Field 'participant.name' is not valid text: it escapes a lone UTF-16 surrogate.",
            Error("""{"event":"participant_joined","id":"EV_1","participant":{"name":"\ud800"}}"""));
    }

    [Fact]
    public void An_attribute_key_escaping_a_lone_surrogate_is_refused()
    {
        Assert.Equal(
            "Field 'participant.attributes' has a key that is not valid text: it escapes a lone UTF-16 surrogate.",
            Error("""{"event":"participant_joined","id":"EV_1","participant":{"attributes":{"\udc00":"x"}}}"""));
    }

    [Fact]
    public void The_first_error_in_the_body_is_the_one_reported()
    {
        Assert.Equal("Field 'room.sid' must be a string.", Error("""{"room":{"sid":1},"participant":{"kind":true}}"""));
    }

    [Fact]
    public void Errors_name_the_field_without_quoting_its_value()
    {
        var error = Error("""{"event":"participant_joined","id":"EV_1","participant":{"identity":"sip_+14155550123","name":["Phone +14155550123"]}}""");

        Assert.Equal("Field 'participant.name' must be a string.", error);
        Assert.DoesNotContain("4155550123", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_event_body_is_refused()
    {
        var body = Encoding.UTF8.GetBytes(CallerJoined);

        var result = WebhookEventParser.Parse(body.AsSpan(0, body.Length / 2));

        Assert.StartsWith("The body is not well-formed JSON: ", result.Error, StringComparison.Ordinal);
    }
}
