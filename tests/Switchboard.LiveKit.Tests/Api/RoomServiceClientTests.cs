using Switchboard.LiveKit.Api;
using Xunit;

namespace Switchboard.LiveKit.Tests.Api;

public sealed class RoomServiceClientTests
{
    private const string Room = "call_+14155550123_Ab3dEf6hJk9m";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListParticipants_returns_the_SIP_caller_with_its_attributes_and_the_agent()
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111", callId: "SCL_9fTzQm4WkP2d");
        api.LiveKit.AddAgentParticipant(Room, "agent-AJ_1");

        var participants = await api.Rooms.ListParticipantsAsync(Room, Ct);

        Assert.Equal([ParticipantKind.Sip, ParticipantKind.Agent], participants.Select(p => p.Kind));
        var caller = participants[0];
        Assert.Equal(("sip_+14155550123", "SCL_9fTzQm4WkP2d", "+15550001111"), (caller.Identity, caller.Attributes["sip.callID"], caller.Attributes["sip.trunkPhoneNumber"]));
        Assert.Equal(ParticipantState.Active, caller.State);
        Assert.True(caller.JoinedAt > 0);
        Assert.True(caller.Permission?.CanPublish);
    }

    [Fact]
    public async Task UpdateParticipant_sets_metadata_and_attributes_and_returns_the_participant()
    {
        await using var api = await LiveKitApi.StartAsync();
        var caller = api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111");

        var updated = await api.Rooms.UpdateParticipantAsync(new UpdateParticipantRequest
        {
            Room = Room,
            Identity = caller.Identity,
            Metadata = """{"lead":"L-1"}""",
            Attributes = new Dictionary<string, string> { ["switchboard.tenant"] = "acme", ["sip.callStatus"] = "" },
        }, Ct);

        Assert.Equal("""{"lead":"L-1"}""", updated.Metadata);
        Assert.Equal("acme", updated.Attributes["switchboard.tenant"]);
        Assert.False(updated.Attributes.ContainsKey("sip.callStatus"));
        Assert.Equal(2u, updated.Version);
        Assert.Equal("acme", Assert.Single(Assert.Single(api.LiveKit.Rooms).Participants).Attributes["switchboard.tenant"]);
    }

    [Fact]
    public async Task RemoveParticipant_hangs_up_and_a_second_remove_is_not_found()
    {
        await using var api = await LiveKitApi.StartAsync();
        var caller = api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111");

        await api.Rooms.RemoveParticipantAsync(Room, caller.Identity, Ct);
        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Rooms.RemoveParticipantAsync(Room, caller.Identity, Ct));

        Assert.Empty(Assert.Single(api.LiveKit.Rooms).Participants);
        Assert.Equal((TwirpErrorCode.NotFound, 404), (failure.Code, failure.HttpStatus));
    }

    [Fact]
    public async Task DeleteRoom_uses_roomCreate_not_roomAdmin_and_removes_the_room()
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111");

        await api.Rooms.DeleteRoomAsync(Room, Ct);

        var request = Assert.Single(api.LiveKit.RequestsTo("DeleteRoom"));
        Assert.Equal(["exp", "iat", "iss", "nbf", "video"], request.Claims.Keys());
        Assert.Equal(["roomCreate"], request.Claims!["video"].Keys());
        Assert.Empty(api.LiveKit.Rooms);
    }

    [Fact]
    public async Task Participant_calls_carry_only_roomAdmin_for_their_room()
    {
        await using var api = await LiveKitApi.StartAsync();
        var caller = api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111");

        await api.Rooms.ListParticipantsAsync(Room, Ct);
        await api.Rooms.UpdateParticipantAsync(new UpdateParticipantRequest { Room = Room, Identity = caller.Identity, Name = "Caller" }, Ct);
        await api.Rooms.RemoveParticipantAsync(Room, caller.Identity, Ct);

        Assert.All(api.LiveKit.Requests, request =>
        {
            Assert.Equal(200, request.Status);
            Assert.Equal(["room", "roomAdmin"], request.Claims!["video"].Keys());
            Assert.Equal(Room, request.Claims.Text("video.room"));
            Assert.Null(request.Claims["sip"]);
        });
    }

    [Fact]
    public async Task Room_calls_are_retried_on_503()
    {
        await using var api = await LiveKitApi.StartAsync();
        var caller = api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111");
        api.LiveKit.FailNext("ListParticipants");
        api.LiveKit.FailNext("RemoveParticipant");
        api.LiveKit.FailNext("DeleteRoom", times: 2);

        await api.Rooms.ListParticipantsAsync(Room, Ct);
        await api.Rooms.RemoveParticipantAsync(Room, caller.Identity, Ct);
        await api.Rooms.DeleteRoomAsync(Room, Ct);

        Assert.Equal(2, api.LiveKit.RequestsTo("ListParticipants").Count);
        Assert.Equal(2, api.LiveKit.RequestsTo("RemoveParticipant").Count);
        Assert.Equal(3, api.LiveKit.RequestsTo("DeleteRoom").Count);
    }

    [Fact]
    public async Task Listing_an_unknown_room_is_not_found()
    {
        await using var api = await LiveKitApi.StartAsync();

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Rooms.ListParticipantsAsync("no-such-room", Ct));

        Assert.Equal(TwirpErrorCode.NotFound, failure.Code);
        Assert.Single(api.LiveKit.Requests);
    }
}
