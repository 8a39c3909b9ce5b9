using Switchboard.LiveKit.Events;
using Xunit;
using static Switchboard.LiveKit.Tests.Events.WebhookBodies;

namespace Switchboard.LiveKit.Tests.Events;

/// <summary>The bodies LiveKit sends for one inbound SIP call (livekit.md §1.2, §1.7, §1.8) read into the model.</summary>
public sealed class WebhookEventParserTests
{
    private static readonly DateTimeOffset RoomCreated = DateTimeOffset.FromUnixTimeMilliseconds(1760000001234);

    [Fact]
    public void Section_1_7_example_reads_every_stated_value()
    {
        var webhook = Parse(CallerJoined);

        Assert.Equal(WebhookEventNames.ParticipantJoined, webhook.Event);
        Assert.Equal("EV_3yQmW8xkTzUe", webhook.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760000001), webhook.CreatedAt);
        var room = Assert.IsType<LiveKitRoom>(webhook.Room);
        Assert.Equal(RoomSid, room.Sid);
        Assert.Equal(RoomName, room.Name);
        Assert.Equal(TimeSpan.FromSeconds(300), room.EmptyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), room.DepartureTimeout);
        Assert.Equal(RoomCreated, room.CreationTime);
        Assert.Equal(1u, room.NumParticipants);
        Assert.Equal(0u, room.NumPublishers);
        Assert.Equal(0u, room.MaxParticipants);
        Assert.Equal("", room.Metadata);
        Assert.False(room.ActiveRecording);
        var caller = Assert.IsType<ParticipantInfo>(webhook.Participant);
        Assert.Equal(CallerSid, caller.Sid);
        Assert.Equal(CallerIdentity, caller.Identity);
        Assert.Equal("Phone +14155550123", caller.Name);
        Assert.Equal(ParticipantState.Active, caller.State);
        Assert.Equal(ParticipantKind.Sip, caller.Kind);
        Assert.Empty(caller.KindDetails);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760000001456), caller.JoinedAt);
        Assert.Equal(DisconnectReason.UnknownReason, caller.DisconnectReason);
        Assert.Equal("", caller.Metadata);
        Assert.Equal("", caller.Region);
        Assert.False(caller.IsPublisher);
        Assert.Empty(caller.Tracks);
        var permission = Assert.IsType<ParticipantPermissions>(caller.Permission);
        Assert.Equal((true, true, true, true), (permission.CanSubscribe, permission.CanPublish, permission.CanPublishData, permission.CanUpdateMetadata));
        Assert.Equal((false, false, false), (permission.Hidden, permission.CanSubscribeMetrics, permission.CanManageAgentSession));
        Assert.Empty(permission.CanPublishSources);
        Assert.Equal(
            new Dictionary<string, string>
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
                ["sip.twilio.accountSid"] = "AC0123456789abcdef0123456789abcdef",
            },
            caller.Attributes);
        Assert.Null(webhook.Track);
        Assert.Null(webhook.EgressInfo);
        Assert.Null(webhook.IngressInfo);
        Assert.Null(webhook.Job);
    }

    [Fact]
    public void Section_1_7_caller_exposes_its_sip_attributes()
    {
        var caller = Parse(CallerJoined).Participant!;

        Assert.True(caller.IsSip);
        Assert.False(caller.IsAgent);
        Assert.Equal(CallId, caller.SipCallId);
        Assert.Equal(
            (CallId, "2f0c7e9a1b@203.0.113.10", "a94f7c", "+14155550123", "203.0.113.10", "+15550001111"),
            (caller.Sip.CallId, caller.Sip.CallIdFull, caller.Sip.CallTag, caller.Sip.PhoneNumber, caller.Sip.Hostname, caller.Sip.TrunkPhoneNumber));
        Assert.Equal(
            ("ST_Ru3NbK8cYw2L", "SDR_Gt6VjH4nMx9Q", SipCallStatus.Ringing, "CA0123456789abcdef0123456789abcdef", "AC0123456789abcdef0123456789abcdef"),
            (caller.Sip.TrunkId, caller.Sip.RuleId, caller.Sip.CallStatus, caller.Sip.TwilioCallSid, caller.Sip.TwilioAccountSid));
    }

    [Fact]
    public void Section_1_2_test_vector_body_is_a_room_started()
    {
        var webhook = Parse(TestTokens.BodyText);

        Assert.Equal((WebhookEventNames.RoomStarted, "EV_TestEvent001", DateTimeOffset.FromUnixTimeSeconds(1760000000)), (webhook.Event, webhook.Id, webhook.CreatedAt));
        var room = webhook.Room!;
        Assert.Equal(("RM_TestRoom0001", "call_+14155550123_Ab3dEf6hJk9m"), (room.Sid, room.Name));
        Assert.Equal((TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(20)), (room.EmptyTimeout, room.DepartureTimeout));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760000000), room.CreationTime);
        Assert.Null(webhook.Participant);
    }

    [Fact]
    public void Every_event_of_the_call_parses_with_its_name_id_and_room()
    {
        var events = Sequence.Select(Parse).ToList();

        Assert.Equal(
            [
                WebhookEventNames.RoomStarted, WebhookEventNames.ParticipantJoined, WebhookEventNames.TrackPublished,
                WebhookEventNames.ParticipantJoined, WebhookEventNames.TrackPublished, WebhookEventNames.TrackUnpublished,
                WebhookEventNames.ParticipantLeft, WebhookEventNames.TrackUnpublished, WebhookEventNames.ParticipantLeft,
                WebhookEventNames.RoomFinished,
            ],
            events.Select(e => e.Event));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Equal((RoomSid, RoomCreated), (e.Room!.Sid, e.Room.CreationTime)));
    }

    [Fact]
    public void Room_started_has_the_room_and_nothing_else()
    {
        var webhook = Parse(RoomStarted);

        Assert.Equal((RoomName, 0u), (webhook.Room!.Name, webhook.Room.NumParticipants));
        Assert.Equal((null, null), (webhook.Participant, webhook.Track));
    }

    [Fact]
    public void Track_published_by_the_caller_has_only_sid_and_identity_in_its_participant()
    {
        var webhook = Parse(CallerTrackPublished);

        var participant = webhook.Participant!;
        Assert.Equal((CallerSid, CallerIdentity), (participant.Sid, participant.Identity));
        Assert.Equal((ParticipantKind.Standard, ParticipantState.Joining, false), (participant.Kind, participant.State, participant.IsSip));
        Assert.Equal(("", null, null), (participant.Name, participant.JoinedAt, participant.SipCallId));
        Assert.Empty(participant.Attributes);
        Assert.Null(participant.Permission);
    }

    [Fact]
    public void Track_published_by_the_caller_is_its_microphone_audio()
    {
        var track = Parse(CallerTrackPublished).Track!;

        Assert.Equal(("TR_AMk4Vb7Nq2Rw", CallerIdentity, "audio/opus"), (track.Sid, track.Name, track.MimeType));
        Assert.Equal((TrackType.Audio, TrackSource.Microphone, false), (track.Type, track.Source, track.Muted));
        Assert.True(track.IsAudio);
    }

    [Fact]
    public void Agent_join_is_an_agent_with_its_kind_detail()
    {
        var agent = Parse(AgentJoined).Participant!;

        Assert.Equal((AgentSid, AgentIdentity, "sales-bot"), (agent.Sid, agent.Identity, agent.Name));
        Assert.Equal((ParticipantKind.Agent, true, false), (agent.Kind, agent.IsAgent, agent.IsSip));
        Assert.Equal([ParticipantKindDetail.CloudAgent], agent.KindDetails);
        Assert.Equal((ParticipantState.Active, "us-west"), (agent.State, agent.Region));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760000002750), agent.JoinedAt);
        Assert.Equal("initializing", agent.Attributes["lk.agent.state"]);
        Assert.Null(agent.SipCallId);
    }

    [Fact]
    public void Agent_track_published_reads_muted()
    {
        var webhook = Parse(AgentTrackPublished);

        Assert.Equal((AgentSid, AgentIdentity), (webhook.Participant!.Sid, webhook.Participant.Identity));
        Assert.Equal(("TR_AgVc5Wq8Nm3K", true, true), (webhook.Track!.Sid, webhook.Track.Muted, webhook.Track.IsAudio));
        Assert.Equal(2u, webhook.Room!.NumPublishers);
    }

    [Fact]
    public void Caller_track_unpublished_names_the_caller_and_track()
    {
        var webhook = Parse(CallerTrackUnpublished);

        Assert.Equal((WebhookEventNames.TrackUnpublished, CallerSid, "TR_AMk4Vb7Nq2Rw"), (webhook.Event, webhook.Participant!.Sid, webhook.Track!.Sid));
    }

    [Fact]
    public void Caller_left_after_hanging_up_is_client_initiated()
    {
        var webhook = Parse(CallerLeft);

        var caller = webhook.Participant!;
        Assert.Equal((DisconnectReason.ClientInitiated, ParticipantState.Disconnected), (caller.DisconnectReason, caller.State));
        Assert.Equal((CallId, SipCallStatus.Hangup), (caller.SipCallId, caller.Sip.CallStatus));
        Assert.Null(caller.Sip.TwilioCallSid);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760000095), webhook.CreatedAt);
    }

    [Fact]
    public void Agent_left_when_the_room_closed_under_it()
    {
        var agent = Parse(AgentLeft).Participant!;

        Assert.Equal((ParticipantKind.Agent, DisconnectReason.RoomClosed, ParticipantState.Disconnected), (agent.Kind, agent.DisconnectReason, agent.State));
    }

    [Fact]
    public void Room_finished_has_the_room_and_nothing_else()
    {
        var webhook = Parse(RoomFinished);

        Assert.Equal((WebhookEventNames.RoomFinished, RoomSid, 0u), (webhook.Event, webhook.Room!.Sid, webhook.Room.NumParticipants));
        Assert.Equal((null, null), (webhook.Participant, webhook.Track));
    }

    [Fact]
    public void Participant_connection_aborted_reads_like_a_leave()
    {
        var webhook = Parse("""
            {"event":"participant_connection_aborted","room":{"sid":"RM_Xq7RkZbNw4Tc","name":"call_+14155550123_Ab3dEf6hJk9m"},
            "participant":{"sid":"PA_Hk2mPq8sVw3Z","identity":"sip_+14155550123","state":"DISCONNECTED","kind":"SIP",
            "attributes":{"sip.callID":"SCL_9fTzQm4WkP2d"},"disconnectReason":"JOIN_FAILURE"},"id":"EV_Ca5kWq8Nm2Xt","createdAt":"1760000004"}
            """);

        Assert.Equal(WebhookEventNames.ParticipantConnectionAborted, webhook.Event);
        Assert.Equal((CallId, DisconnectReason.JoinFailure), (webhook.Participant!.SipCallId, webhook.Participant.DisconnectReason));
    }

    [Fact]
    public void Egress_event_keeps_its_egress_info_unparsed()
    {
        var webhook = Parse("""
            {"event":"egress_started","egressInfo":{"egressId":"EG_Wm4Kq8Rt2Nx","roomName":"call_x","status":"EGRESS_STARTING","startedAt":"1760000005000000000"},
            "id":"EV_Eg3mWq7Kx2Rt","createdAt":"1760000005"}
            """);

        Assert.Equal(WebhookEventNames.EgressStarted, webhook.Event);
        Assert.Equal("EG_Wm4Kq8Rt2Nx", webhook.EgressInfo!.Value.GetProperty("egressId").GetString());
        Assert.Equal((null, null, null), (webhook.Room, webhook.IngressInfo, webhook.Job));
    }

    [Fact]
    public void Ingress_and_agent_job_events_keep_their_payloads_unparsed()
    {
        var ingress = Parse("""{"event":"ingress_ended","ingress_info":{"ingressId":"IN_Kq2Wm8Rt4Nx"},"id":"EV_In1","createdAt":"1760000006"}""");
        var job = Parse("""{"event":"agent_job_ended","job":{"id":"AJ_Nq4Kw8Zp3Rt","type":"JT_ROOM"},"id":"EV_Jb1","createdAt":"1760000007"}""");

        Assert.Equal("IN_Kq2Wm8Rt4Nx", ingress.IngressInfo!.Value.GetProperty("ingressId").GetString());
        Assert.Equal("AJ_Nq4Kw8Zp3Rt", job.Job!.Value.GetProperty("id").GetString());
    }

    [Fact]
    public void Event_name_this_version_does_not_know_parses_with_its_payload()
    {
        var webhook = Parse("""
            {"event":"participant_attributes_changed","room":{"sid":"RM_Xq7RkZbNw4Tc"},"participant":{"sid":"PA_Hk2mPq8sVw3Z","kind":"SIP"},
            "roomMood":{"level":3},"id":"EV_Nw7kQm3Wx8Rt","createdAt":"1760000008"}
            """);

        Assert.Equal(("participant_attributes_changed", "EV_Nw7kQm3Wx8Rt"), (webhook.Event, webhook.Id));
        Assert.Equal((RoomSid, ParticipantKind.Sip), (webhook.Room!.Sid, webhook.Participant!.Kind));
    }
}
