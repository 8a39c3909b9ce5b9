using System.Text;
using Switchboard.LiveKit.Events;
using Switchboard.LiveKit.Tests.Events;
using Xunit;
using static Switchboard.LiveKit.Tests.TestTokens;

namespace Switchboard.LiveKit.Tests.Interop;

/// <summary>
/// Our webhook parser against @livekit/protocol (tests/interop): events built with the library's own message classes and
/// written by its JSON writer must read back as exactly the values they were built from, in every form the writer has.
/// </summary>
[Trait("Category", "Interop")]
public sealed class WebhookEventConformanceTests
{
    private const long CallStart = 1760000001;
    private const string CallId = "SCL_9fTzQm4WkP2d";

    private static readonly Dictionary<string, string> RingingAttributes = new()
    {
        ["sip.callID"] = CallId,
        ["sip.callIDFull"] = "2f0c7e9a1b@203.0.113.10",
        ["sip.callTag"] = "a94f7c",
        ["sip.trunkID"] = "ST_Ru3NbK8cYw2L",
        ["sip.ruleID"] = "SDR_Gt6VjH4nMx9Q",
        ["sip.phoneNumber"] = "+14155550123",
        ["sip.hostname"] = "203.0.113.10",
        ["sip.trunkPhoneNumber"] = "+15550001111",
        ["sip.callStatus"] = "ringing",
        ["sip.twilio.callSid"] = "CA0123456789abcdef0123456789abcdef",
        ["customer.tier"] = "gold",
        ["Mixed_Case.Key"] = "日本 ☎",
    };

    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, false, false, false)]
    [InlineData(false, true, false, false)]
    [InlineData(false, false, true, false)]
    [InlineData(true, true, true, false)]
    [InlineData(false, false, false, true)]
    public async Task Sip_call_sequence_written_by_the_library_reads_back_exactly(bool enumAsInteger, bool useProtoFieldName, bool emitDefaultValues, bool extras)
    {
        NodeSdk.EnsureAvailable();
        var events = SipCall();

        var bodies = await NodeSdk.WriteWebhookEventsAsync(events, new(enumAsInteger, useProtoFieldName, emitDefaultValues), extras, TestContext.Current.CancellationToken);

        AssertAllRead(events, bodies);
    }

    [Fact]
    public async Task Library_writes_the_protojson_LiveKit_sends()
    {
        NodeSdk.EnsureAvailable();

        var body = (await NodeSdk.WriteWebhookEventsAsync([SipCall()[1]], new(), extras: false, TestContext.Current.CancellationToken))[0];

        Assert.Contains("\"createdAt\":\"1760000001\"", body, StringComparison.Ordinal);
        Assert.Contains("\"joinedAtMs\":\"1760000001456\"", body, StringComparison.Ordinal);
        Assert.Contains("\"emptyTimeout\":300", body, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"SIP\"", body, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"ACTIVE\"", body, StringComparison.Ordinal);
        Assert.Contains("\"sip.callID\":\"SCL_9fTzQm4WkP2d\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("disconnectReason", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"metadata\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Library_writer_options_produce_the_other_forms_we_read()
    {
        NodeSdk.EnsureAvailable();
        var left = SipCall()[6];
        var cancellationToken = TestContext.Current.CancellationToken;

        var integers = (await NodeSdk.WriteWebhookEventsAsync([left], new(EnumAsInteger: true), extras: false, cancellationToken))[0];
        var protoNames = (await NodeSdk.WriteWebhookEventsAsync([left], new(UseProtoFieldName: true), extras: false, cancellationToken))[0];
        var defaults = (await NodeSdk.WriteWebhookEventsAsync([left], new(EmitDefaultValues: true), extras: false, cancellationToken))[0];

        Assert.Contains("\"kind\":3", integers, StringComparison.Ordinal);
        Assert.Contains("\"disconnectReason\":1", integers, StringComparison.Ordinal);
        Assert.Contains("\"disconnect_reason\":\"CLIENT_INITIATED\"", protoNames, StringComparison.Ordinal);
        Assert.Contains("\"created_at\":\"1760000095\"", protoNames, StringComparison.Ordinal);
        Assert.Contains("\"metadata\":\"\"", defaults, StringComparison.Ordinal);
        Assert.Contains("\"tracks\":[]", defaults, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Participant_left_reads_every_disconnect_reason_the_library_knows()
    {
        NodeSdk.EnsureAvailable();
        var reasons = (await NodeSdk.ProtocolEnumsAsync(TestContext.Current.CancellationToken))["DisconnectReason"];
        var events = reasons.Values.Select(number => SipCall()[6] with
        {
            Participant = SipCall()[6].Participant! with { DisconnectReason = (DisconnectReason)number },
        }).ToList();

        var bodies = await NodeSdk.WriteWebhookEventsAsync(events, new(), extras: false, TestContext.Current.CancellationToken);

        Assert.Contains("AGENT_ERROR", reasons.Keys);
        AssertAllRead(events, bodies);
        Assert.All(reasons, reason => Assert.Equal(reason.Key, ((DisconnectReason)reason.Value).ToProtoName()));
    }

    [Theory]
    [InlineData("ParticipantInfo_Kind")]
    [InlineData("ParticipantInfo_State")]
    [InlineData("ParticipantInfo_KindDetail")]
    [InlineData("TrackType")]
    [InlineData("TrackSource")]
    public async Task Every_enum_value_the_library_knows_reads_as_our_member_of_that_name_and_number(string libraryEnum)
    {
        NodeSdk.EnsureAvailable();
        var values = (await NodeSdk.ProtocolEnumsAsync(TestContext.Current.CancellationToken))[libraryEnum];
        var events = values.Values.Select(number => WithEnum(libraryEnum, number)).ToList();

        var bodies = await NodeSdk.WriteWebhookEventsAsync(events, new(), extras: false, TestContext.Current.CancellationToken);

        Assert.NotEmpty(values);
        AssertAllRead(events, bodies);
        Assert.All(values, value => Assert.Equal(value.Key, ProtoName(libraryEnum, value.Value)));
    }

    [Fact]
    public async Task Our_hand_written_bodies_read_the_same_after_the_library_rewrites_them()
    {
        NodeSdk.EnsureAvailable();
        string[] bodies = [.. WebhookBodies.Sequence, BodyText];

        var rewritten = await NodeSdk.RewriteWebhookEventsAsync(bodies, new(), TestContext.Current.CancellationToken);

        Assert.Equal(bodies.Select(body => EventSnapshot.Of(WebhookBodies.Parse(body))), rewritten.Select(body => EventSnapshot.Of(WebhookBodies.Parse(body))));
    }

    [Fact]
    public async Task Library_body_signed_by_us_passes_the_SDK_WebhookReceiver_and_our_verifier_then_reads_back()
    {
        NodeSdk.EnsureAvailable();
        var joined = SipCall()[1];
        var body = (await NodeSdk.WriteWebhookEventsAsync([joined], new(), extras: true, TestContext.Current.CancellationToken))[0];
        var bytes = Encoding.UTF8.GetBytes(body);
        var token = AccessTokenWriter.SignWebhook(Key, bytes, TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));

        var sdkError = await NodeSdk.ReceiveWebhookAsync(Key, body, token, TestContext.Current.CancellationToken);
        var verification = new WebhookVerifier([Key], TimeProvider.System).Verify(token, bytes);

        Assert.Null(sdkError);
        Assert.True(verification.IsValid, verification.Message);
        AssertReads(joined, body);
    }

    /// <summary>The §1.8 sequence of one inbound SIP call, with the values LiveKit would set.</summary>
    private static EventSpec[] SipCall()
    {
        var room = new RoomSpec
        {
            Sid = "RM_Xq7RkZbNw4Tc",
            Name = "call_+14155550123_Ab3dEf6hJk9m",
            EmptyTimeout = 300,
            DepartureTimeout = 20,
            CreationTime = CallStart,
            CreationTimeMs = 1760000001234,
        };
        var permission = new PermissionSpec { CanSubscribe = true, CanPublish = true, CanPublishData = true, CanUpdateMetadata = true };
        var callerTrack = new TrackSpec { Sid = "TR_AMk4Vb7Nq2Rw", Name = "sip_+14155550123", Source = TrackSource.Microphone, MimeType = "audio/opus" };
        var agentTrack = new TrackSpec { Sid = "TR_AgVc5Wq8Nm3K", Name = "roomAudio", Source = TrackSource.Microphone, MimeType = "audio/opus", Muted = true };
        var caller = new ParticipantSpec
        {
            Sid = "PA_Hk2mPq8sVw3Z",
            Identity = "sip_+14155550123",
            Name = "Phone +14155550123",
            State = ParticipantState.Active,
            Kind = ParticipantKind.Sip,
            Attributes = RingingAttributes,
            JoinedAt = CallStart,
            JoinedAtMs = 1760000001456,
            Permission = permission,
            Tracks = [callerTrack],
            IsPublisher = true,
        };
        var agent = new ParticipantSpec
        {
            Sid = "PA_Ag3nTq7Wm2Xy",
            Identity = "agent-AJ_Nq4Kw8Zp3Rt",
            Name = "sales-bot",
            State = ParticipantState.Active,
            Kind = ParticipantKind.Agent,
            KindDetails = [ParticipantKindDetail.CloudAgent],
            Attributes = new() { ["lk.agent.state"] = "initializing" },
            Metadata = """{"campaign":"spring"}""",
            JoinedAt = CallStart + 1,
            Permission = permission with { Hidden = true, CanPublishSources = [TrackSource.Microphone, TrackSource.ScreenShareAudio], CanManageAgentSession = true },
            Region = "us-west",
        };
        var hungUp = new Dictionary<string, string>(RingingAttributes) { ["sip.callStatus"] = "hangup" };
        return
        [
            new("room_started", "EV_Rs5tQm2Wk8Zp", CallStart) { Room = room },
            new("participant_joined", "EV_3yQmW8xkTzUe", CallStart) { Room = room with { NumParticipants = 1 }, Participant = caller },
            new("track_published", "EV_Tp4kXw9Rm3Qa", CallStart)
            {
                Room = room with { NumParticipants = 1, NumPublishers = 1 },
                Participant = new() { Sid = caller.Sid, Identity = caller.Identity },
                Track = callerTrack,
            },
            new("participant_joined", "EV_Ag7nJw3Kq9Xm", CallStart + 1) { Room = room with { NumParticipants = 2, NumPublishers = 1 }, Participant = agent },
            new("track_published", "EV_Av2mQk7Wp4Zx", CallStart + 2)
            {
                Room = room with { NumParticipants = 2, NumPublishers = 2 },
                Participant = new() { Sid = agent.Sid, Identity = agent.Identity },
                Track = agentTrack,
            },
            new("track_unpublished", "EV_Tu8nWk2Xq5Rm", CallStart + 94)
            {
                Room = room with { NumParticipants = 2, NumPublishers = 2 },
                Participant = new() { Sid = caller.Sid, Identity = caller.Identity },
                Track = callerTrack,
            },
            new("participant_left", "EV_Pl6mRw3Nk8Tq", CallStart + 94)
            {
                Room = room with { NumParticipants = 1, NumPublishers = 1 },
                Participant = caller with
                {
                    State = ParticipantState.Disconnected,
                    Attributes = hungUp,
                    DisconnectReason = DisconnectReason.ClientInitiated,
                    Tracks = [],
                },
            },
            new("track_unpublished", "EV_Tu3xQm9Wk2Zp", CallStart + 114)
            {
                Room = room with { NumParticipants = 1, NumPublishers = 1 },
                Participant = new() { Sid = agent.Sid, Identity = agent.Identity },
                Track = agentTrack,
            },
            new("participant_left", "EV_Al9kWm4Rq7Nx", CallStart + 114)
            {
                Room = room,
                Participant = agent with { State = ParticipantState.Disconnected, DisconnectReason = DisconnectReason.RoomClosed },
            },
            new("room_finished", "EV_Rf2nXk8Wq5Tm", CallStart + 114) { Room = room },
        ];
    }

    private static EventSpec WithEnum(string libraryEnum, int number)
    {
        var participant = new ParticipantSpec { Sid = "PA_1", Identity = "p" };
        var track = new TrackSpec { Sid = "TR_1" };
        return libraryEnum switch
        {
            "ParticipantInfo_Kind" => new("participant_joined", $"EV_K{number}", CallStart) { Participant = participant with { Kind = (ParticipantKind)number } },
            "ParticipantInfo_State" => new("participant_joined", $"EV_S{number}", CallStart) { Participant = participant with { State = (ParticipantState)number } },
            "ParticipantInfo_KindDetail" => new("participant_joined", $"EV_D{number}", CallStart)
            {
                Participant = participant with { Kind = ParticipantKind.Agent, KindDetails = [(ParticipantKindDetail)number] },
            },
            "TrackType" => new("track_published", $"EV_T{number}", CallStart) { Participant = participant, Track = track with { Type = (TrackType)number } },
            "TrackSource" => new("track_published", $"EV_O{number}", CallStart) { Participant = participant, Track = track with { Source = (TrackSource)number } },
            _ => throw new ArgumentOutOfRangeException(nameof(libraryEnum), libraryEnum, null),
        };
    }

    private static string? ProtoName(string libraryEnum, int number) => libraryEnum switch
    {
        "ParticipantInfo_Kind" => ((ParticipantKind)number).ToProtoName(),
        "ParticipantInfo_State" => ((ParticipantState)number).ToProtoName(),
        "ParticipantInfo_KindDetail" => ((ParticipantKindDetail)number).ToProtoName(),
        "TrackType" => ((TrackType)number).ToProtoName(),
        "TrackSource" => ((TrackSource)number).ToProtoName(),
        _ => throw new ArgumentOutOfRangeException(nameof(libraryEnum), libraryEnum, null),
    };

    private static void AssertAllRead(IReadOnlyList<EventSpec> events, IReadOnlyList<string> bodies)
    {
        Assert.Equal(events.Count, bodies.Count);
        for (var i = 0; i < events.Count; i++)
        {
            AssertReads(events[i], bodies[i]);
        }
    }

    /// <summary>Parses the body and compares every value of the model with the one the event was built from.</summary>
    private static void AssertReads(EventSpec spec, string body)
    {
        var result = WebhookEventParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.True(result.IsSuccess, $"{result.Error} Body: {body}");
        Assert.Equal(EventSnapshot.Of(Expected(spec)), EventSnapshot.Of(result.Event));
    }

    /// <summary>The model the spec's fields must read as (livekit.md §1.3: absent is default; the milliseconds time wins).</summary>
    private static WebhookEvent Expected(EventSpec spec) => new()
    {
        Event = spec.Event,
        Id = spec.Id,
        CreatedAt = DateTimeOffset.FromUnixTimeSeconds(spec.CreatedAt),
        Room = spec.Room is { } room
            ? new LiveKitRoom
            {
                Sid = room.Sid ?? "",
                Name = room.Name ?? "",
                EmptyTimeout = TimeSpan.FromSeconds(room.EmptyTimeout),
                DepartureTimeout = TimeSpan.FromSeconds(room.DepartureTimeout),
                MaxParticipants = room.MaxParticipants,
                CreationTime = Time(room.CreationTime, room.CreationTimeMs),
                Metadata = room.Metadata ?? "",
                NumParticipants = room.NumParticipants,
                NumPublishers = room.NumPublishers,
                ActiveRecording = room.ActiveRecording,
            }
            : null,
        Participant = spec.Participant is { } participant
            ? new ParticipantInfo
            {
                Sid = participant.Sid ?? "",
                Identity = participant.Identity ?? "",
                Name = participant.Name ?? "",
                State = participant.State,
                Kind = participant.Kind,
                KindDetails = participant.KindDetails ?? [],
                Attributes = participant.Attributes ?? [],
                Metadata = participant.Metadata ?? "",
                JoinedAt = Time(participant.JoinedAt, participant.JoinedAtMs),
                DisconnectReason = participant.DisconnectReason,
                Permission = participant.Permission is { } permission
                    ? new ParticipantPermissions
                    {
                        CanSubscribe = permission.CanSubscribe,
                        CanPublish = permission.CanPublish,
                        CanPublishData = permission.CanPublishData,
                        CanPublishSources = permission.CanPublishSources ?? [],
                        Hidden = permission.Hidden,
                        CanUpdateMetadata = permission.CanUpdateMetadata,
                        CanSubscribeMetrics = permission.CanSubscribeMetrics,
                        CanManageAgentSession = permission.CanManageAgentSession,
                    }
                    : null,
                Tracks = [.. (participant.Tracks ?? []).Select(ExpectedTrack)],
                Region = participant.Region ?? "",
                IsPublisher = participant.IsPublisher,
            }
            : null,
        Track = spec.Track is { } track ? ExpectedTrack(track) : null,
    };

    private static TrackInfo ExpectedTrack(TrackSpec track) => new()
    {
        Sid = track.Sid ?? "",
        Type = track.Type,
        Name = track.Name ?? "",
        Muted = track.Muted,
        Source = track.Source,
        MimeType = track.MimeType ?? "",
    };

    private static DateTimeOffset? Time(long seconds, long milliseconds) =>
        milliseconds != 0 ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
        : seconds != 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds)
        : null;

    // The fields the script builds messages from, named as WebhookEvent's JSON fields; null or zero means "not set".
    private sealed record EventSpec(string Event, string Id, long CreatedAt)
    {
        public RoomSpec? Room { get; init; }
        public ParticipantSpec? Participant { get; init; }
        public TrackSpec? Track { get; init; }
    }

    private sealed record RoomSpec
    {
        public string? Sid { get; init; }
        public string? Name { get; init; }
        public uint EmptyTimeout { get; init; }
        public uint DepartureTimeout { get; init; }
        public uint MaxParticipants { get; init; }
        public long CreationTime { get; init; }
        public long CreationTimeMs { get; init; }
        public string? Metadata { get; init; }
        public uint NumParticipants { get; init; }
        public uint NumPublishers { get; init; }
        public bool ActiveRecording { get; init; }
    }

    private sealed record ParticipantSpec
    {
        public string? Sid { get; init; }
        public string? Identity { get; init; }
        public string? Name { get; init; }
        public ParticipantState State { get; init; }
        public ParticipantKind Kind { get; init; }
        public ParticipantKindDetail[]? KindDetails { get; init; }
        public Dictionary<string, string>? Attributes { get; init; }
        public string? Metadata { get; init; }
        public long JoinedAt { get; init; }
        public long JoinedAtMs { get; init; }
        public DisconnectReason DisconnectReason { get; init; }
        public PermissionSpec? Permission { get; init; }
        public TrackSpec[]? Tracks { get; init; }
        public string? Region { get; init; }
        public bool IsPublisher { get; init; }
    }

    private sealed record PermissionSpec
    {
        public bool CanSubscribe { get; init; }
        public bool CanPublish { get; init; }
        public bool CanPublishData { get; init; }
        public TrackSource[]? CanPublishSources { get; init; }
        public bool Hidden { get; init; }
        public bool CanUpdateMetadata { get; init; }
        public bool CanSubscribeMetrics { get; init; }
        public bool CanManageAgentSession { get; init; }
    }

    private sealed record TrackSpec
    {
        public string? Sid { get; init; }
        public TrackType Type { get; init; }
        public string? Name { get; init; }
        public bool Muted { get; init; }
        public TrackSource Source { get; init; }
        public string? MimeType { get; init; }
    }
}
