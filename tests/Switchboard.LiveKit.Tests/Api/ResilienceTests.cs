using System.Globalization;
using Switchboard.LiveKit.Api;
using Switchboard.LiveKit.StandIn;
using Xunit;

namespace Switchboard.LiveKit.Tests.Api;

public sealed class ResilienceTests
{
    private const string Room = "room-resilience";

    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void ShortAttempts(LiveKitApiOptions options)
    {
        options.AttemptTimeout = TimeSpan.FromSeconds(1);
        options.TotalTimeout = TimeSpan.FromSeconds(20);
    }

    [Fact]
    public async Task A_List_attempt_that_times_out_is_retried_and_the_abandoned_attempt_changes_nothing()
    {
        await using var api = await LiveKitApi.StartAsync(ShortAttempts);
        api.LiveKit.AddRoom(Room);
        api.LiveKit.DelayNext("ListParticipants", Stall);

        var participants = await api.Rooms.ListParticipantsAsync(Room, Ct);

        Assert.Empty(participants);
        Assert.Equal(2, api.LiveKit.RequestsTo("ListParticipants").Count);
    }

    [Fact]
    public async Task A_CreateDispatch_that_times_out_fails_after_one_attempt_as_maybe_applied()
    {
        await using var api = await LiveKitApi.StartAsync(ShortAttempts);
        api.LiveKit.DelayNext("CreateDispatch", Stall);

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() =>
            api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest { AgentName = "sales-bot", Room = Room }, Ct));

        Assert.Equal((TwirpErrorCode.DeadlineExceeded, (int?)null), (failure.Code, failure.HttpStatus));
        Assert.True(failure.MayHaveBeenApplied);
        Assert.Single(api.LiveKit.RequestsTo("CreateDispatch"));
    }

    [Fact]
    public async Task The_total_timeout_ends_retries_of_a_call_that_never_answers()
    {
        await using var api = await LiveKitApi.StartAsync(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.TotalTimeout = TimeSpan.FromMilliseconds(700);
            o.MaxRetries = 10;
        });
        api.LiveKit.DelayNext("ListSIPDispatchRule", Stall, times: 11);

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Sip.ListSipDispatchRuleAsync(cancellationToken: Ct));

        Assert.Equal(TwirpErrorCode.DeadlineExceeded, failure.Code);
        Assert.InRange(api.LiveKit.RequestsTo("ListSIPDispatchRule").Count, 1, 10);
    }

    [Fact]
    public async Task Each_request_tells_LiveKit_its_attempt_timeout()
    {
        await using var api = await LiveKitApi.StartAsync(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(2500));

        await api.Sip.ListSipInboundTrunkAsync(cancellationToken: Ct);

        Assert.Equal("2500", Assert.Single(api.LiveKit.Requests).Headers["X-Twirp-Timeout-Ms"]);
    }

    [Fact]
    public async Task A_transfer_is_given_its_ringing_timeout_plus_the_attempt_timeout()
    {
        await using var api = await LiveKitApi.StartAsync(o => o.AttemptTimeout = TimeSpan.FromSeconds(4));
        var caller = api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111");

        await api.Sip.TransferSipParticipantAsync(new TransferSipParticipantRequest { RoomName = Room, ParticipantIdentity = caller.Identity, TransferTo = "tel:+15550009999" }, Ct);

        var timeout = long.Parse(Assert.Single(api.LiveKit.Requests).Headers["X-Twirp-Timeout-Ms"], CultureInfo.InvariantCulture);
        Assert.Equal((SipClient.DefaultTransferRingingTimeout + TimeSpan.FromSeconds(4)).TotalMilliseconds, timeout);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_unavailable_with_no_status()
    {
        var gone = await LiveKitStandIn.StartAsync("k", "s", cancellationToken: Ct);
        var url = gone.Url;
        await gone.DisposeAsync();
        await using var unreachable = await LiveKitApi.StartAsync(o => o.Url = url);

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => unreachable.Rooms.ListParticipantsAsync(Room, Ct));

        Assert.Equal((TwirpErrorCode.Unavailable, (int?)null), (failure.Code, failure.HttpStatus));
        Assert.True(failure.MayHaveBeenApplied);
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_an_API_error()
    {
        await using var api = await LiveKitApi.StartAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        api.LiveKit.DelayNext("ListParticipants", Stall);
        api.LiveKit.AddRoom(Room);

        var call = api.Rooms.ListParticipantsAsync(Room, cancel.Token);
        await WaitForAsync(() => api.LiveKit.RequestsTo("ListParticipants").Count == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(10, Ct);
        }
    }
}
