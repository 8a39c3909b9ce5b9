using Switchboard.LiveKit.Events;
using Xunit;
using static Switchboard.LiveKit.Tests.Events.WebhookBodies;

namespace Switchboard.LiveKit.Tests.Events;

/// <summary>The protojson reading rules of livekit.md §1.3: everything a protojson reader accepts reads the same.</summary>
public sealed class ProtoJsonReadingTests
{
    private static WebhookEvent ParseParticipant(string participantJson) =>
        Parse($$"""{"event":"participant_joined","participant":{{participantJson}},"id":"EV_1","createdAt":"1760000001"}""");

    private static TrackInfo ParseTrack(string trackJson) =>
        Parse($$"""{"event":"track_published","track":{{trackJson}},"id":"EV_1"}""").Track!;

    [Theory]
    [InlineData("\"1760000001\"")]
    [InlineData("1760000001")]
    [InlineData("1760000001.0")]
    [InlineData("1.760000001e9")]
    [InlineData("\"1.760000001E9\"")]
    [InlineData("\"\\u0031760000001\"")]
    public void Int64_reads_from_a_string_or_a_number(string createdAt)
    {
        var webhook = Parse($$"""{"event":"room_started","id":"EV_1","createdAt":{{createdAt}}}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760000001), webhook.CreatedAt);
    }

    [Theory]
    [InlineData("300")]
    [InlineData("\"300\"")]
    [InlineData("3e2")]
    public void Uint32_reads_from_a_number_or_a_string(string emptyTimeout)
    {
        var webhook = Parse($$"""{"event":"room_started","room":{"emptyTimeout":{{emptyTimeout}},"maxParticipants":"4294967295"},"id":"EV_1"}""");

        Assert.Equal((TimeSpan.FromSeconds(300), uint.MaxValue), (webhook.Room!.EmptyTimeout, webhook.Room.MaxParticipants));
    }

    [Fact]
    public void Absent_created_at_is_the_unix_epoch()
    {
        var webhook = Parse("""{"event":"room_started","id":"EV_1"}""");

        Assert.Equal(DateTimeOffset.UnixEpoch, webhook.CreatedAt);
    }

    [Fact]
    public void Seconds_are_used_when_milliseconds_are_absent_and_no_time_is_null()
    {
        var seconds = ParseParticipant("""{"joinedAt":"1760000001"}""").Participant!;
        var none = ParseParticipant("""{"joinedAt":"0","joinedAtMs":"0"}""").Participant!;

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760000001), seconds.JoinedAt);
        Assert.Null(none.JoinedAt);
    }

    [Theory]
    [InlineData("\"SIP\"", ParticipantKind.Sip)]
    [InlineData("3", ParticipantKind.Sip)]
    [InlineData("\"AGENT\"", ParticipantKind.Agent)]
    [InlineData("4", ParticipantKind.Agent)]
    [InlineData("\"STANDARD\"", ParticipantKind.Standard)]
    [InlineData("0", ParticipantKind.Standard)]
    [InlineData("null", ParticipantKind.Standard)]
    [InlineData("\"\\u0053IP\"", ParticipantKind.Sip)]
    [InlineData("\"HOLOGRAM\"", ParticipantKind.Unrecognized)]
    [InlineData("\"sip\"", ParticipantKind.Unrecognized)]
    [InlineData("\"\"", ParticipantKind.Unrecognized)]
    [InlineData("\"\\ud800\"", ParticipantKind.Unrecognized)]
    [InlineData("42", (ParticipantKind)42)]
    [InlineData("-1", ParticipantKind.Unrecognized)]
    public void Enum_reads_from_its_name_or_its_number_and_an_unknown_name_is_unrecognized(string kind, ParticipantKind expected)
    {
        var participant = ParseParticipant($$"""{"kind":{{kind}}}""").Participant!;

        Assert.Equal(expected, participant.Kind);
    }

    [Fact]
    public void Enum_name_longer_than_any_known_name_is_unrecognized()
    {
        var participant = ParseParticipant($$"""{"kind":"{{new string('S', 300)}}"}""").Participant!;

        Assert.Equal(ParticipantKind.Unrecognized, participant.Kind);
    }

    [Fact]
    public void Absent_enums_hold_their_zero_values()
    {
        var webhook = Parse("""{"event":"track_published","participant":{"sid":"PA_1"},"track":{"sid":"TR_1"},"id":"EV_1"}""");

        var participant = webhook.Participant!;
        Assert.Equal(
            (ParticipantKind.Standard, ParticipantState.Joining, DisconnectReason.UnknownReason),
            (participant.Kind, participant.State, participant.DisconnectReason));
        Assert.Equal((TrackType.Audio, TrackSource.Unknown), (webhook.Track!.Type, webhook.Track.Source));
    }

    [Theory]
    [InlineData("UNKNOWN_REASON", DisconnectReason.UnknownReason)]
    [InlineData("CLIENT_INITIATED", DisconnectReason.ClientInitiated)]
    [InlineData("DUPLICATE_IDENTITY", DisconnectReason.DuplicateIdentity)]
    [InlineData("SERVER_SHUTDOWN", DisconnectReason.ServerShutdown)]
    [InlineData("PARTICIPANT_REMOVED", DisconnectReason.ParticipantRemoved)]
    [InlineData("ROOM_DELETED", DisconnectReason.RoomDeleted)]
    [InlineData("STATE_MISMATCH", DisconnectReason.StateMismatch)]
    [InlineData("JOIN_FAILURE", DisconnectReason.JoinFailure)]
    [InlineData("MIGRATION", DisconnectReason.Migration)]
    [InlineData("SIGNAL_CLOSE", DisconnectReason.SignalClose)]
    [InlineData("ROOM_CLOSED", DisconnectReason.RoomClosed)]
    [InlineData("USER_UNAVAILABLE", DisconnectReason.UserUnavailable)]
    [InlineData("USER_REJECTED", DisconnectReason.UserRejected)]
    [InlineData("SIP_TRUNK_FAILURE", DisconnectReason.SipTrunkFailure)]
    [InlineData("CONNECTION_TIMEOUT", DisconnectReason.ConnectionTimeout)]
    [InlineData("MEDIA_FAILURE", DisconnectReason.MediaFailure)]
    [InlineData("AGENT_ERROR", DisconnectReason.AgentError)]
    [InlineData("CALLER_EXPLODED", DisconnectReason.Unrecognized)]
    public void Every_disconnect_reason_of_section_1_6_reads_by_name(string name, DisconnectReason expected)
    {
        var participant = ParseParticipant($$"""{"state":"DISCONNECTED","disconnectReason":"{{name}}"}""").Participant!;

        Assert.Equal(expected, participant.DisconnectReason);
    }

    [Theory]
    [InlineData("\"VIDEO\"", "\"CAMERA\"", TrackType.Video, TrackSource.Camera)]
    [InlineData("2", "4", TrackType.Data, TrackSource.ScreenShareAudio)]
    [InlineData("\"AUDIO\"", "\"SCREEN_SHARE_AUDIO\"", TrackType.Audio, TrackSource.ScreenShareAudio)]
    [InlineData("\"HOLOGRAM\"", "\"SMELL\"", TrackType.Unrecognized, TrackSource.Unrecognized)]
    public void Track_enums_read_from_names_and_numbers(string type, string source, TrackType expectedType, TrackSource expectedSource)
    {
        var track = ParseTrack($$"""{"type":{{type}},"source":{{source}}}""");

        Assert.Equal((expectedType, expectedSource), (track.Type, track.Source));
        Assert.Equal(expectedType == TrackType.Audio, track.IsAudio);
    }

    [Fact]
    public void Repeated_enums_read_names_numbers_and_unknown_names()
    {
        var participant = ParseParticipant("""
            {"kindDetails":["CLOUD_AGENT",1,"TELEPATHY"],"permission":{"canPublishSources":["MICROPHONE",1,"SCREEN_SHARE"]},"state":"JOINED"}
            """).Participant!;

        Assert.Equal([ParticipantKindDetail.CloudAgent, ParticipantKindDetail.Forwarded, ParticipantKindDetail.Unrecognized], participant.KindDetails);
        Assert.Equal([TrackSource.Microphone, TrackSource.Camera, TrackSource.ScreenShare], participant.Permission!.CanPublishSources);
        Assert.Equal(ParticipantState.Joined, participant.State);
    }

    [Fact]
    public void Proto_snake_case_names_read_like_camel_case_names()
    {
        var snake = Parse("""
            {"event":"participant_left","room":{"sid":"RM_1","name":"r","empty_timeout":300,"departure_timeout":20,"max_participants":2,
            "creation_time":"1760000001","creation_time_ms":"1760000001234","metadata":"m","num_participants":1,"num_publishers":1,"active_recording":true},
            "participant":{"sid":"PA_1","identity":"sip_+1","name":"n","state":"DISCONNECTED","kind":"SIP","kind_details":["FORWARDED"],
            "attributes":{"sip.callID":"SCL_1"},"metadata":"pm","joined_at":"1760000002","joined_at_ms":"1760000002500","disconnect_reason":"CLIENT_INITIATED",
            "permission":{"can_subscribe":true,"can_publish":true,"can_publish_data":true,"can_publish_sources":["MICROPHONE"],"hidden":true,
            "can_update_metadata":true,"can_subscribe_metrics":true,"can_manage_agent_session":true},
            "tracks":[{"sid":"TR_1","type":"AUDIO","name":"t","muted":true,"source":"MICROPHONE","mime_type":"audio/opus"}],"region":"eu","is_publisher":true},
            "track":{"sid":"TR_1","mime_type":"audio/opus"},"id":"EV_1","created_at":"1760000003"}
            """);
        var camel = Parse("""
            {"event":"participant_left","room":{"sid":"RM_1","name":"r","emptyTimeout":300,"departureTimeout":20,"maxParticipants":2,
            "creationTime":"1760000001","creationTimeMs":"1760000001234","metadata":"m","numParticipants":1,"numPublishers":1,"activeRecording":true},
            "participant":{"sid":"PA_1","identity":"sip_+1","name":"n","state":"DISCONNECTED","kind":"SIP","kindDetails":["FORWARDED"],
            "attributes":{"sip.callID":"SCL_1"},"metadata":"pm","joinedAt":"1760000002","joinedAtMs":"1760000002500","disconnectReason":"CLIENT_INITIATED",
            "permission":{"canSubscribe":true,"canPublish":true,"canPublishData":true,"canPublishSources":["MICROPHONE"],"hidden":true,
            "canUpdateMetadata":true,"canSubscribeMetrics":true,"canManageAgentSession":true},
            "tracks":[{"sid":"TR_1","type":"AUDIO","name":"t","muted":true,"source":"MICROPHONE","mimeType":"audio/opus"}],"region":"eu","isPublisher":true},
            "track":{"sid":"TR_1","mimeType":"audio/opus"},"id":"EV_1","createdAt":"1760000003"}
            """);

        Assert.Equal(EventSnapshot.Of(camel), EventSnapshot.Of(snake));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760000003), snake.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760000002500), snake.Participant!.JoinedAt);
        Assert.Equal("audio/opus", snake.Track!.MimeType);
        Assert.True(snake.Room!.ActiveRecording);
    }

    [Fact]
    public void Unknown_fields_of_any_shape_are_ignored_everywhere()
    {
        var withUnknown = Parse("""
            {"future":{"a":[1,{"b":null}],"c":"d"},"event":"participant_joined","numDropped":3,"roomEndReason":"ROOM_END_API_DELETE",
            "room":{"turnPassword":"x","enabledCodecs":[{"mime":"audio/opus"}],"sid":"RM_1","version":{"unixMicro":"1","ticks":2}},
            "participant":{"sid":"PA_1","dataTracks":[{"sid":"DT_1"}],"clientProtocol":1,"capabilities":["CAP_X"],"version":9,
              "permission":{"recorder":true,"agent":true,"canPublish":true,"quantum":[]},
              "tracks":[{"sid":"TR_1","layers":[{"quality":"HIGH","width":1}],"width":640,"simulcast":true,"codecs":[],"audioFeatures":["TF_STEREO"],"backupCodecPolicy":2}],
              "kind":"SIP"},
            "id":"EV_1","createdAt":"1760000001","trailing":true}
            """);
        var without = Parse("""
            {"event":"participant_joined","room":{"sid":"RM_1"},
            "participant":{"sid":"PA_1","permission":{"canPublish":true},"tracks":[{"sid":"TR_1"}],"kind":"SIP"},"id":"EV_1","createdAt":"1760000001"}
            """);

        Assert.Equal(EventSnapshot.Of(without), EventSnapshot.Of(withUnknown));
    }

    [Fact]
    public void Null_fields_read_as_absent()
    {
        var webhook = Parse("""
            {"event":"participant_joined","room":null,"track":null,"egressInfo":null,"createdAt":null,
            "participant":{"sid":null,"kind":null,"attributes":null,"tracks":null,"kindDetails":null,"permission":null,"joinedAt":null,"isPublisher":null},
            "id":"EV_1"}
            """);

        Assert.Equal((null, null, null), (webhook.Room, webhook.Track, webhook.EgressInfo));
        var participant = webhook.Participant!;
        Assert.Equal(("", ParticipantKind.Standard, null, null, false), (participant.Sid, participant.Kind, participant.Permission, participant.JoinedAt, participant.IsPublisher));
        Assert.Empty(participant.Attributes);
        Assert.Empty(participant.Tracks);
        Assert.Empty(participant.KindDetails);
    }

    [Fact]
    public void Explicit_default_values_read_like_absent_ones()
    {
        var explicitDefaults = Parse("""
            {"event":"track_published","room":{"sid":"","name":"","emptyTimeout":0,"creationTime":"0","creationTimeMs":"0","numParticipants":0,"activeRecording":false},
            "participant":{"sid":"PA_1","identity":"i","state":"JOINING","kind":"STANDARD","attributes":{},"tracks":[],"kindDetails":[],"joinedAt":"0",
            "joinedAtMs":"0","disconnectReason":"UNKNOWN_REASON","isPublisher":false,"metadata":""},
            "track":{"sid":"TR_1","type":"AUDIO","source":"UNKNOWN","muted":false,"mimeType":""},"id":"EV_1","createdAt":"1760000001"}
            """);
        var omitted = Parse("""
            {"event":"track_published","room":{},"participant":{"sid":"PA_1","identity":"i"},"track":{"sid":"TR_1"},"id":"EV_1","createdAt":"1760000001"}
            """);

        Assert.Equal(EventSnapshot.Of(omitted), EventSnapshot.Of(explicitDefaults));
        Assert.Null(explicitDefaults.Room!.CreationTime);
    }

    [Fact]
    public void Attribute_keys_are_kept_exactly_as_sent()
    {
        var participant = ParseParticipant("""
            {"attributes":{"sip.callID":"SCL_1","SIP.CALLID":"other","sip.h.x-custom-header":"v","customer_tier":"gold","":"empty key","日本":"\u00e9","a\"b":"q"}}
            """).Participant!;

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["sip.callID"] = "SCL_1",
                ["SIP.CALLID"] = "other",
                ["sip.h.x-custom-header"] = "v",
                ["customer_tier"] = "gold",
                [""] = "empty key",
                ["日本"] = "é",
                ["a\"b"] = "q",
            },
            participant.Attributes);
        Assert.Equal("SCL_1", participant.SipCallId);
    }

    [Fact]
    public void Escaped_field_names_and_values_are_decoded()
    {
        var webhook = Parse("""{"\u0065vent":"room_\u0073tarted","room":{"n\u0061me":"caf\u00e9 \ud83d\udcde"},"id":"EV_1"}""");

        Assert.Equal((WebhookEventNames.RoomStarted, "café 📞"), (webhook.Event, webhook.Room!.Name));
    }

    [Fact]
    public void Whitespace_anywhere_between_tokens_is_allowed()
    {
        var webhook = Parse(" \r\n\t{ \"event\" : \"room_started\" ,\n \"id\" :\t\"EV_1\" } \n");

        Assert.Equal(("room_started", "EV_1"), (webhook.Event, webhook.Id));
    }

    [Fact]
    public void A_repeated_field_keeps_its_last_value()
    {
        var webhook = Parse("""{"event":"room_started","id":"EV_1","room":{"sid":"RM_1"},"room":{"sid":"RM_2"},"id":"EV_2"}""");

        Assert.Equal(("EV_2", "RM_2"), (webhook.Id, webhook.Room!.Sid));
    }

    [Fact]
    public void Unknown_fields_may_nest_up_to_the_maximum_depth()
    {
        const int unknownDepth = WebhookEventParser.MaxDepth - 1;
        var nested = string.Concat(Enumerable.Repeat("[", unknownDepth)) + string.Concat(Enumerable.Repeat("]", unknownDepth));

        var webhook = Parse($$"""{"event":"room_started","id":"EV_1","deep":{{nested}}}""");

        Assert.Equal("EV_1", webhook.Id);
    }

    [Fact]
    public void Negative_times_before_1970_are_kept()
    {
        var webhook = Parse("""{"event":"room_started","id":"EV_1","createdAt":"-86400"}""");

        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(-1), webhook.CreatedAt);
    }
}
