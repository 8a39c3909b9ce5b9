using Switchboard.Core.Lifecycle;
using Xunit;

namespace Switchboard.Core.Tests.Lifecycle;

public sealed class CallTimelineTests
{
    private const string CallId = "SCL_9fTzQm4WkP2d";
    private const string Caller = "sip_+14155550123";
    private const string Agent = "agent-AJ_1";
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    // The §1.8 sequence of one inbound call: routed at T0, the caller joins at +1 s, the agent at +3 s and speaks at +4 s,
    // the caller hangs up at +64 s, the room finishes 20 s later.
    private static readonly RoomEvent CallerJoined = Sip("EV_1", RoomEventKind.ParticipantJoined, 1);
    private static readonly RoomEvent CallerAudio = new("EV_2", RoomEventKind.AudioTrackPublished, T0.AddSeconds(1), "RM_1", "call-room", Caller, ParticipantRole.Unknown, null, null);
    private static readonly RoomEvent AgentJoined = new("EV_3", RoomEventKind.ParticipantJoined, T0.AddSeconds(3), "RM_1", "call-room", Agent, ParticipantRole.Agent, null, null);
    private static readonly RoomEvent AgentAudio = new("EV_4", RoomEventKind.AudioTrackPublished, T0.AddSeconds(4), "RM_1", "call-room", Agent, ParticipantRole.Unknown, null, null);
    private static readonly RoomEvent CallerLeft = Sip("EV_5", RoomEventKind.ParticipantLeft, 64, "CLIENT_INITIATED");
    private static readonly RoomEvent RoomFinished = new("EV_6", RoomEventKind.RoomFinished, T0.AddSeconds(84), "RM_1", "call-room", null, ParticipantRole.Unknown, null, null);

    [Fact]
    public void A_call_not_yet_seen_in_a_room_is_still_routed()
    {
        var progress = CallTimeline.Replay(CallId, T0, rejected: false, [AgentJoined, RoomFinished]);

        Assert.Equal(CallProgress.NotInRoom, progress);
    }

    [Fact]
    public void The_whole_sequence_gives_ring_time_talk_time_and_a_completed_outcome()
    {
        var progress = CallTimeline.Replay(CallId, T0, rejected: false, [CallerJoined, CallerAudio, AgentJoined, AgentAudio, CallerLeft, RoomFinished]);

        Assert.Equal(CallStage.Ended, progress.Stage);
        Assert.Equal(("RM_1", "call-room", Caller), (progress.RoomSid, progress.RoomName, progress.ParticipantIdentity));
        Assert.Equal(T0.AddSeconds(1), progress.JoinedAt);
        Assert.Equal(T0.AddSeconds(3), progress.AgentJoinedAt);
        Assert.Equal(T0.AddSeconds(4), progress.AnsweredAt);
        Assert.Equal(T0.AddSeconds(64), progress.EndedAt);
        Assert.Equal(CallOutcome.Completed, progress.Outcome);
        Assert.Equal("CLIENT_INITIATED", progress.DisconnectReason);
        Assert.Equal(TimeSpan.FromSeconds(4), progress.RingTime);
        Assert.Equal(TimeSpan.FromSeconds(60), progress.TalkTime);
    }

    [Fact]
    public void Every_order_of_the_same_events_gives_the_same_progress()
    {
        RoomEvent[] events = [CallerJoined, CallerAudio, AgentJoined, AgentAudio, CallerLeft, RoomFinished];
        var expected = CallTimeline.Replay(CallId, T0, rejected: false, events);

        foreach (var order in new[] { events.Reverse(), events.OrderBy(e => e.EventId.GetHashCode(StringComparison.Ordinal)), events.Concat(events) })
        {
            Assert.Equal(expected, CallTimeline.Replay(CallId, T0, rejected: false, order));
        }
    }

    [Theory]
    [InlineData(1, CallStage.InRoom)]
    [InlineData(3, CallStage.AgentJoined)]
    [InlineData(4, CallStage.Answered)]
    [InlineData(5, CallStage.Ended)]
    public void The_stage_follows_the_events_known_so_far(int count, CallStage stage)
    {
        RoomEvent[] events = [CallerJoined, CallerAudio, AgentJoined, AgentAudio, CallerLeft];

        var progress = CallTimeline.Replay(CallId, T0, rejected: false, events.Take(count));

        Assert.Equal(stage, progress.Stage);
    }

    [Fact]
    public void The_callers_own_audio_does_not_answer_the_call()
    {
        var progress = CallTimeline.Replay(CallId, T0, rejected: false, [CallerJoined, CallerAudio]);

        Assert.Null(progress.AnsweredAt);
        Assert.Null(progress.RingTime);
    }

    [Fact]
    public void A_caller_who_hangs_up_while_ringing_abandons_the_call_and_rings_until_then()
    {
        var left = Sip("EV_5", RoomEventKind.ParticipantLeft, 20, "CLIENT_INITIATED");

        var progress = CallTimeline.Replay(CallId, T0, rejected: false, [CallerJoined, AgentJoined, left]);

        Assert.Equal(CallOutcome.Abandoned, progress.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(20), progress.RingTime);
        Assert.Null(progress.TalkTime);
        Assert.Equal(T0.AddSeconds(3), progress.AgentJoinedAt);
    }

    [Fact]
    public void An_unanswered_rejected_call_is_rejected()
    {
        var removed = Sip("EV_5", RoomEventKind.ParticipantLeft, 2, "PARTICIPANT_REMOVED");

        var progress = CallTimeline.Replay(CallId, T0, rejected: true, [CallerJoined, removed]);

        Assert.Equal(CallOutcome.Rejected, progress.Outcome);
    }

    [Theory]
    [InlineData("SIP_TRUNK_FAILURE")]
    [InlineData("MEDIA_FAILURE")]
    [InlineData("AGENT_ERROR")]
    [InlineData("SERVER_SHUTDOWN")]
    public void A_failure_reason_fails_the_call_even_after_it_was_answered(string reason)
    {
        var broke = Sip("EV_5", RoomEventKind.ParticipantLeft, 30, reason);

        var progress = CallTimeline.Replay(CallId, T0, rejected: false, [CallerJoined, AgentAudio, broke]);

        Assert.Equal(CallOutcome.Failed, progress.Outcome);
        Assert.Equal(reason, progress.DisconnectReason);
        Assert.Equal(TimeSpan.FromSeconds(26), progress.TalkTime);
    }

    [Theory]
    [InlineData("CLIENT_INITIATED")]
    [InlineData("PARTICIPANT_REMOVED")]
    [InlineData("ROOM_DELETED")]
    [InlineData(null)]
    public void Hang_ups_and_ends_through_the_api_are_not_failures(string? reason)
    {
        var left = Sip("EV_5", RoomEventKind.ParticipantLeft, 30, reason);

        var progress = CallTimeline.Replay(CallId, T0, rejected: false, [CallerJoined, AgentAudio, left]);

        Assert.Equal(CallOutcome.Completed, progress.Outcome);
    }

    [Fact]
    public void A_connection_that_never_came_up_fails()
    {
        var aborted = Sip("EV_5", RoomEventKind.ParticipantConnectionAborted, 5);

        var progress = CallTimeline.Replay(CallId, T0, rejected: false, [aborted]);

        Assert.Equal((CallStage.Ended, CallOutcome.Failed), (progress.Stage, progress.Outcome));
        Assert.Null(progress.JoinedAt);
    }

    [Fact]
    public void The_room_finishing_ends_the_call_until_the_callers_leave_arrives_and_refines_it()
    {
        var finishedFirst = CallTimeline.Replay(CallId, T0, rejected: false, [CallerJoined, AgentAudio, RoomFinished]);
        var both = CallTimeline.Replay(CallId, T0, rejected: false, [CallerJoined, AgentAudio, RoomFinished, CallerLeft]);

        Assert.Equal((T0.AddSeconds(84), CallOutcome.Completed, (string?)null), (finishedFirst.EndedAt, finishedFirst.Outcome, finishedFirst.DisconnectReason));
        Assert.Equal((T0.AddSeconds(64), CallOutcome.Completed, "CLIENT_INITIATED"), (both.EndedAt, both.Outcome, both.DisconnectReason));
    }

    [Fact]
    public void An_agent_already_in_a_shared_room_counts_from_the_callers_join()
    {
        var lateCaller = Sip("EV_9", RoomEventKind.ParticipantJoined, 10);

        var progress = CallTimeline.Replay(CallId, T0, rejected: false, [AgentJoined, AgentAudio, lateCaller]);

        Assert.Equal(T0.AddSeconds(10), progress.AgentJoinedAt);
        Assert.Equal(T0.AddSeconds(10), progress.AnsweredAt);
        Assert.Equal(TimeSpan.FromSeconds(10), progress.RingTime);
    }

    [Fact]
    public void Events_after_the_end_and_events_of_other_rooms_are_ignored()
    {
        var otherRoom = new RoomEvent("EV_7", RoomEventKind.AudioTrackPublished, T0.AddSeconds(2), "RM_2", "other", Agent, ParticipantRole.Unknown, null, null);
        var left = Sip("EV_5", RoomEventKind.ParticipantLeft, 20, "CLIENT_INITIATED");
        var lateAudio = AgentAudio with { EventId = "EV_8", OccurredAt = T0.AddSeconds(30) };

        var progress = CallTimeline.Replay(CallId, T0, rejected: false, [CallerJoined, otherRoom, left, lateAudio]);

        Assert.Null(progress.AnsweredAt);
        Assert.Equal(CallOutcome.Abandoned, progress.Outcome);
    }

    [Fact]
    public void Ringing_starts_at_whichever_came_first_the_routing_request_or_the_join()
    {
        var routedEarlier = CallTimeline.Replay(CallId, T0.AddSeconds(-2), rejected: false, [CallerJoined, AgentAudio]);
        var seenOnlyAtJoin = CallTimeline.Replay(CallId, T0.AddSeconds(5), rejected: false, [CallerJoined, AgentAudio]);

        Assert.Equal(TimeSpan.FromSeconds(6), routedEarlier.RingTime);
        Assert.Equal(TimeSpan.FromSeconds(3), seenOnlyAtJoin.RingTime);
    }

    [Theory]
    [InlineData(CallStage.InRoom, "in_room")]
    [InlineData(CallStage.AgentJoined, "agent_joined")]
    [InlineData(CallOutcome.Abandoned, "abandoned")]
    [InlineData(RoomEventKind.AudioTrackPublished, "audio_track_published")]
    [InlineData(ParticipantRole.Sip, "sip")]
    public void Lifecycle_values_are_published_in_snake_case(object value, string code)
    {
        var actual = value switch
        {
            CallStage stage => stage.Code(),
            CallOutcome outcome => outcome.Code(),
            RoomEventKind kind => kind.Code(),
            ParticipantRole role => role.Code(),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };

        Assert.Equal(code, actual);
        Assert.Equal(value, value switch
        {
            CallStage => LifecycleCodes.Parse<CallStage>(code),
            CallOutcome => LifecycleCodes.Parse<CallOutcome>(code),
            RoomEventKind => LifecycleCodes.Parse<RoomEventKind>(code),
            _ => (object)LifecycleCodes.Parse<ParticipantRole>(code),
        });
    }

    private static RoomEvent Sip(string id, RoomEventKind kind, int second, string? reason = null) =>
        new(id, kind, T0.AddSeconds(second), "RM_1", "call-room", Caller, ParticipantRole.Sip, CallId, reason);
}
