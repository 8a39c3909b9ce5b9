using Switchboard.LiveKit.Api;
using Xunit;

namespace Switchboard.LiveKit.Tests.Api;

public sealed class ErrorMappingTests
{
    private const string Room = "room-errors";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CreateAgentDispatchRequest Dispatch => new() { AgentName = "sales-bot", Room = Room };

    [Theory]
    [InlineData("invalid_argument", TwirpErrorCode.InvalidArgument, 400)]
    [InlineData("malformed", TwirpErrorCode.Malformed, 400)]
    [InlineData("not_found", TwirpErrorCode.NotFound, 404)]
    [InlineData("already_exists", TwirpErrorCode.AlreadyExists, 409)]
    [InlineData("permission_denied", TwirpErrorCode.PermissionDenied, 403)]
    [InlineData("unauthenticated", TwirpErrorCode.Unauthenticated, 401)]
    [InlineData("resource_exhausted", TwirpErrorCode.ResourceExhausted, 429)]
    [InlineData("failed_precondition", TwirpErrorCode.FailedPrecondition, 412)]
    [InlineData("deadline_exceeded", TwirpErrorCode.DeadlineExceeded, 408)]
    [InlineData("unimplemented", TwirpErrorCode.Unimplemented, 501)]
    [InlineData("internal", TwirpErrorCode.Internal, 500)]
    [InlineData("unavailable", TwirpErrorCode.Unavailable, 503)]
    [InlineData("a_code_from_the_future", TwirpErrorCode.Unknown, 500)]
    public async Task Twirp_errors_map_to_their_code_status_and_message(string wireCode, TwirpErrorCode code, int status)
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.FailNext("CreateDispatch", code: wireCode, message: "explained by LiveKit", meta: new Dictionary<string, string> { ["hint"] = "x" });

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Dispatch.CreateDispatchAsync(Dispatch, Ct));

        Assert.Equal((code, status, "explained by LiveKit"), (failure.Code, failure.HttpStatus, failure.LiveKitMessage));
        Assert.Equal("livekit.AgentDispatchService/CreateDispatch", failure.Method);
        Assert.Equal("x", failure.Meta["hint"]);
        Assert.Contains(wireCode, failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.SipStatusCode);
    }

    [Fact]
    public async Task A_token_LiveKit_refuses_is_a_plain_text_401_reported_as_unauthenticated_without_the_secret_or_token()
    {
        const string WrongSecret = "not-the-stand-in-secret-9876543210";
        await using var api = await LiveKitApi.StartAsync(secret: WrongSecret);

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Rooms.ListParticipantsAsync(Room, Ct));

        var request = Assert.Single(api.LiveKit.Requests);
        Assert.Equal("plain_text", request.ErrorCode);
        Assert.Equal((TwirpErrorCode.Unauthenticated, 401), (failure.Code, failure.HttpStatus));
        Assert.Contains("signature", failure.LiveKitMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongSecret, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(request.BearerToken!, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_or_token_echoed_in_an_error_body_is_redacted()
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.AnswerNext("CreateDispatch", 401, $"bad credentials {LiveKitApi.ApiSecret}", "text/plain");

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Dispatch.CreateDispatchAsync(Dispatch, Ct));

        Assert.Equal("bad credentials [redacted]", failure.LiveKitMessage);
        Assert.DoesNotContain(LiveKitApi.ApiSecret, failure.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(502, TwirpErrorCode.Unavailable)]
    [InlineData(403, TwirpErrorCode.PermissionDenied)]
    [InlineData(413, TwirpErrorCode.ResourceExhausted)]
    public async Task A_non_Twirp_error_body_maps_by_HTTP_status(int status, TwirpErrorCode code)
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.AnswerNext("CreateDispatch", status, "<html>proxy error</html>", "text/html");

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Dispatch.CreateDispatchAsync(Dispatch, Ct));

        Assert.Equal((code, status, "<html>proxy error</html>"), (failure.Code, failure.HttpStatus, failure.LiveKitMessage));
    }

    [Fact]
    public async Task A_success_answer_that_is_not_JSON_is_malformed()
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.AnswerNext("CreateDispatch", 200, "<html>captive portal</html>", "text/html");

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Dispatch.CreateDispatchAsync(Dispatch, Ct));

        Assert.Equal((TwirpErrorCode.Malformed, 200), (failure.Code, failure.HttpStatus));
        Assert.True(failure.MayHaveBeenApplied is false);
    }
}
