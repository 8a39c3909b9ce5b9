using Switchboard.LiveKit.Api;
using Xunit;

namespace Switchboard.LiveKit.Tests.Api;

public sealed class AgentDispatchClientTests
{
    private const string Room = "call_+14155550123_Ab3dEf6hJk9m";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateDispatch_sends_the_request_in_proto_names_and_returns_LiveKits_dispatch()
    {
        await using var api = await LiveKitApi.StartAsync();

        var dispatch = await api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest
        {
            AgentName = "sales-bot",
            Room = Room,
            Metadata = """{"tenant":"acme"}""",
            Attributes = new Dictionary<string, string> { ["campaign"] = "spring" },
        }, Ct);

        var request = Assert.Single(api.LiveKit.RequestsTo("CreateDispatch"));
        Assert.Equal(["agent_name", "attributes", "metadata", "room"], request.Body.Keys());
        Assert.Equal("sales-bot", request.Body.Text("agent_name"));
        Assert.Matches("^AD_[2-9A-HJ-NP-Za-km-z]{12}$", dispatch.Id);
        Assert.Equal(("sales-bot", Room, """{"tenant":"acme"}"""), (dispatch.AgentName, dispatch.Room, dispatch.Metadata));
        Assert.Equal("spring", dispatch.Attributes["campaign"]);
        Assert.True(dispatch.State?.CreatedAt > 0);
        Assert.Equal(dispatch.Id, Assert.Single(api.LiveKit.Dispatches).Id);
    }

    [Fact]
    public async Task Dispatch_calls_carry_only_roomAdmin_for_their_room()
    {
        await using var api = await LiveKitApi.StartAsync();
        var dispatch = await api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest { AgentName = "sales-bot", Room = Room }, Ct);

        await api.Dispatch.ListDispatchAsync(Room, cancellationToken: Ct);
        await api.Dispatch.DeleteDispatchAsync(Room, dispatch.Id, Ct);

        Assert.All(api.LiveKit.Requests, request =>
        {
            Assert.Equal(["exp", "iat", "iss", "nbf", "video"], request.Claims.Keys());
            Assert.Equal(["room", "roomAdmin"], request.Claims!["video"].Keys());
            Assert.Equal(Room, request.Claims.Text("video.room"));
            Assert.Equal("true", request.Claims.Text("video.roomAdmin"));
        });
    }

    [Fact]
    public async Task ListDispatch_returns_the_rooms_dispatches_or_one_by_id()
    {
        await using var api = await LiveKitApi.StartAsync();
        var first = await api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest { AgentName = "sales-bot", Room = Room }, Ct);
        var second = await api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest { AgentName = "support-bot", Room = Room }, Ct);
        await api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest { AgentName = "other", Room = "another-room" }, Ct);

        var all = await api.Dispatch.ListDispatchAsync(Room, cancellationToken: Ct);
        var one = await api.Dispatch.ListDispatchAsync(Room, second.Id, Ct);

        Assert.Equal([first.Id, second.Id], all.Select(d => d.Id));
        Assert.Equal("support-bot", Assert.Single(one).AgentName);
    }

    [Fact]
    public async Task DeleteDispatch_removes_it_and_an_unknown_one_is_not_found()
    {
        await using var api = await LiveKitApi.StartAsync();
        var dispatch = await api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest { AgentName = "sales-bot", Room = Room }, Ct);

        var deleted = await api.Dispatch.DeleteDispatchAsync(Room, dispatch.Id, Ct);
        var again = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Dispatch.DeleteDispatchAsync(Room, dispatch.Id, Ct));

        Assert.Equal(dispatch.Id, deleted.Id);
        Assert.True(deleted.State?.DeletedAt > 0);
        Assert.Empty(api.LiveKit.Dispatches);
        Assert.Equal((TwirpErrorCode.NotFound, 404), (again.Code, again.HttpStatus));
        Assert.False(again.MayHaveBeenApplied);
    }

    [Fact]
    public async Task CreateDispatch_is_not_retried_after_a_503()
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.FailNext("CreateDispatch");

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() =>
            api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest { AgentName = "sales-bot", Room = Room }, Ct));

        Assert.Equal((TwirpErrorCode.Unavailable, 503), (failure.Code, failure.HttpStatus));
        Assert.Single(api.LiveKit.RequestsTo("CreateDispatch"));
        Assert.Empty(api.LiveKit.Dispatches);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_lost_CreateDispatch_answer_fails_once_leaving_exactly_one_dispatch_that_List_finds(bool abortConnection)
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.FailNextAfterApply("CreateDispatch", abortConnection: abortConnection);

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() =>
            api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest { AgentName = "sales-bot", Room = Room }, Ct));
        var listed = await api.Dispatch.ListDispatchAsync(Room, cancellationToken: Ct);

        Assert.True(failure.MayHaveBeenApplied);
        Assert.Equal(abortConnection ? null : 503, failure.HttpStatus);
        Assert.Single(api.LiveKit.RequestsTo("CreateDispatch"));
        Assert.Equal("sales-bot", Assert.Single(api.LiveKit.Dispatches).AgentName);
        Assert.Equal(api.LiveKit.Dispatches[0].Id, Assert.Single(listed).Id);
    }

    [Fact]
    public async Task ListDispatch_and_DeleteDispatch_are_retried_on_503()
    {
        await using var api = await LiveKitApi.StartAsync();
        var dispatch = await api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest { AgentName = "sales-bot", Room = Room }, Ct);
        api.LiveKit.FailNext("ListDispatch", times: 2);
        api.LiveKit.FailNext("DeleteDispatch");

        var listed = await api.Dispatch.ListDispatchAsync(Room, cancellationToken: Ct);
        var deleted = await api.Dispatch.DeleteDispatchAsync(Room, dispatch.Id, Ct);

        Assert.Single(listed);
        Assert.Equal(dispatch.Id, deleted.Id);
        Assert.Equal([503, 503, 200], api.LiveKit.RequestsTo("ListDispatch").Select(r => r.Status));
        Assert.Equal([503, 200], api.LiveKit.RequestsTo("DeleteDispatch").Select(r => r.Status));
    }

    [Fact]
    public async Task ListDispatch_gives_up_after_the_configured_retries()
    {
        await using var api = await LiveKitApi.StartAsync(o => o.MaxRetries = 2);
        api.LiveKit.FailNext("ListDispatch", times: 5);

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Dispatch.ListDispatchAsync(Room, cancellationToken: Ct));

        Assert.Equal(TwirpErrorCode.Unavailable, failure.Code);
        Assert.Equal(3, api.LiveKit.RequestsTo("ListDispatch").Count);
    }
}
