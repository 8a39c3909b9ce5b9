using Switchboard.LiveKit.Events;
using Xunit;
using static Switchboard.LiveKit.Tests.Events.WebhookBodies;

namespace Switchboard.LiveKit.Tests.Events;

/// <summary>The conveniences the call-lifecycle code uses, and what the model prints.</summary>
public sealed class EventModelTests
{
    [Theory]
    [InlineData(ParticipantKind.Sip, true, false)]
    [InlineData(ParticipantKind.Agent, false, true)]
    [InlineData(ParticipantKind.Standard, false, false)]
    [InlineData(ParticipantKind.Unrecognized, false, false)]
    public void Kind_decides_is_sip_and_is_agent(ParticipantKind kind, bool isSip, bool isAgent)
    {
        var participant = new ParticipantInfo { Kind = kind };

        Assert.Equal((isSip, isAgent), (participant.IsSip, participant.IsAgent));
    }

    [Fact]
    public void Sip_attributes_are_null_when_absent_and_kept_when_empty()
    {
        var participant = new ParticipantInfo { Attributes = new Dictionary<string, string> { [SipAttributes.TrunkIdKey] = "" } };

        Assert.Equal("", participant.Sip.TrunkId);
        Assert.Null(participant.Sip.PhoneNumber);
        Assert.Null(participant.SipCallId);
    }

    [Fact]
    public void Default_sip_attributes_read_as_none()
    {
        var attributes = default(SipAttributes);

        Assert.Null(attributes.CallId);
    }

    [Fact]
    public void Sip_call_id_attribute_key_is_matched_exactly()
    {
        var participant = new ParticipantInfo { Attributes = new Dictionary<string, string> { ["sip.callid"] = "SCL_lower" } };

        Assert.Null(participant.SipCallId);
    }

    [Theory]
    [InlineData(TrackType.Audio, true)]
    [InlineData(TrackType.Video, false)]
    [InlineData(TrackType.Data, false)]
    [InlineData(TrackType.Unrecognized, false)]
    public void Is_audio_follows_the_track_type(TrackType type, bool isAudio)
    {
        Assert.Equal(isAudio, new TrackInfo { Type = type }.IsAudio);
    }

    [Fact]
    public void Printed_events_hold_ids_and_kinds_but_no_phone_number_name_or_attribute()
    {
        var printed = Parse(CallerJoined).ToString() + Parse(CallerTrackPublished).ToString();

        Assert.Contains("EV_3yQmW8xkTzUe", printed, StringComparison.Ordinal);
        Assert.Contains(RoomSid, printed, StringComparison.Ordinal);
        Assert.Contains(CallerSid, printed, StringComparison.Ordinal);
        Assert.Contains("TR_AMk4Vb7Nq2Rw", printed, StringComparison.Ordinal);
        Assert.Contains("Kind = Sip", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("4155550123", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("5550001111", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(CallId, printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DisconnectReason.ClientInitiated, "CLIENT_INITIATED")]
    [InlineData(DisconnectReason.SipTrunkFailure, "SIP_TRUNK_FAILURE")]
    [InlineData(DisconnectReason.UnknownReason, "UNKNOWN_REASON")]
    [InlineData(DisconnectReason.Unrecognized, null)]
    [InlineData((DisconnectReason)99, null)]
    public void Disconnect_reasons_have_their_protobuf_names(DisconnectReason reason, string? name)
    {
        Assert.Equal(name, reason.ToProtoName());
    }

    [Fact]
    public void Every_member_of_every_enum_has_a_protobuf_name_that_reads_back_as_it()
    {
        static void RoundTrip<T>(Func<T, string?> name, Func<string, T> read)
            where T : struct, Enum
        {
            foreach (var value in Enum.GetValues<T>().Where(v => Convert.ToInt32(v, null) >= 0))
            {
                var protoName = name(value);
                Assert.False(protoName is null, $"{typeof(T).Name}.{value} has no protobuf name");
                Assert.Equal(value, read(protoName));
            }
        }

        RoundTrip<ParticipantKind>(v => v.ToProtoName(), n => Parse($$$"""{"event":"e","id":"i","participant":{"kind":"{{{n}}}"}}""").Participant!.Kind);
        RoundTrip<ParticipantState>(v => v.ToProtoName(), n => Parse($$$"""{"event":"e","id":"i","participant":{"state":"{{{n}}}"}}""").Participant!.State);
        RoundTrip<ParticipantKindDetail>(v => v.ToProtoName(), n => Parse($$$"""{"event":"e","id":"i","participant":{"kindDetails":["{{{n}}}"]}}""").Participant!.KindDetails[0]);
        RoundTrip<DisconnectReason>(v => v.ToProtoName(), n => Parse($$$"""{"event":"e","id":"i","participant":{"disconnectReason":"{{{n}}}"}}""").Participant!.DisconnectReason);
        RoundTrip<TrackType>(v => v.ToProtoName(), n => Parse($$$"""{"event":"e","id":"i","track":{"type":"{{{n}}}"}}""").Track!.Type);
        RoundTrip<TrackSource>(v => v.ToProtoName(), n => Parse($$$"""{"event":"e","id":"i","track":{"source":"{{{n}}}"}}""").Track!.Source);
    }
}
