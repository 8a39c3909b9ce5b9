using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Lifecycle;
using Switchboard.Data;
using Switchboard.Web.Tests.Fixtures;
using Switchboard.Web.Workers;
using Xunit;

namespace Switchboard.Web.Tests.LiveKitEvents;

/// <summary>
/// Two instances of the service behind one load balancer, on one PostgreSQL database and one LiveKit: LiveKit's deliveries of
/// a call's events land on either instance, at once and more than once, and the call still gets one agent and one lifecycle.
/// </summary>
[Collection(nameof(OnTwoPostgresWithLiveKit))]
public sealed class MultiInstanceTests
{
    private readonly PostgresLiveKitApp _first;
    private readonly PostgresLiveKitApp _second;

    public MultiInstanceTests(TwoPostgresLiveKitApps apps)
    {
        ArgumentNullException.ThrowIfNull(apps);
        if (apps.First.UnavailableReason is { } reason)
        {
            PostgresServer.SkipOrFail(reason);
        }

        _first = apps.First;
        _second = apps.Second;
        _first.Logs.Clear();
        _second.Logs.Clear();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_join_delivered_to_both_instances_at_once_and_again_dispatches_one_agent_to_one_call()
    {
        var (call, tenant) = await NewCallAsync();
        var joined = call.CallerJoined();
        using var toFirst = _first.CreateClient();
        using var toSecond = _second.CreateClient();

        var statuses = await Task.WhenAll(
            _first.SendEventAsync(toFirst, joined), _second.SendEventAsync(toSecond, joined),
            _first.SendEventAsync(toFirst, joined), _second.SendEventAsync(toSecond, joined));
        await DispatchDoneAsync(call.CallId);
        var retry = await _second.SendEventAsync(toSecond, joined);

        Assert.All([.. statuses, retry], s => Assert.Equal(HttpStatusCode.NoContent, s));
        Assert.Single(_first.LiveKit.RequestsTo("CreateDispatch"), r => r.Body?["room"]?.GetValue<string>() == call.RoomName);
        var dispatch = Assert.Single(_first.LiveKit.Dispatches, d => d.Room == call.RoomName);
        Assert.DoesNotContain(_first.LiveKit.RequestsTo("RemoveParticipant"), r => r.Body?["room"]?.GetValue<string>() == call.RoomName);
        using var json = await _second.CallAsync(call.CallId);
        Assert.Equal(("accept", "sales-bot"), (json.RootElement.GetProperty("action").GetString(), json.RootElement.GetProperty("agent_name").GetString()));
        var timeline = json.RootElement.GetProperty("events").EnumerateArray().ToList();
        var dispatched = Assert.Single(timeline, e => e.GetProperty("type").GetString() == "agent_dispatched");
        Assert.Equal(dispatch.Id, dispatched.GetProperty("data").GetProperty("dispatch_id").GetString());
        Assert.Single(timeline, e => e.GetProperty("type").GetString() == "in_room");
        Assert.Equal((1, 1), await QueryAsync(async db => (
            await db.Calls.CountAsync(c => c.CallId == call.CallId, Ct),
            await db.CallActions.CountAsync(a => a.CallId == call.CallId && a.Kind == CallActionKinds.DispatchAgent, Ct))));
        using var leads = await _first.LeadsAsync(tenant.Id, call.From);
        Assert.Equal(1, Assert.Single(leads.RootElement.EnumerateArray()).GetProperty("call_count").GetInt32());
        _first.AssertNoWarningsLogged();
        _second.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_calls_events_spread_over_both_instances_give_it_one_answered_and_ended_lifecycle()
    {
        var (call, _) = await NewCallAsync();
        var left = call.CallerLeft();
        using var toFirst = _first.CreateClient();
        using var toSecond = _second.CreateClient();

        await _first.SendEventsAsync([call.CallerJoined(), call.CallerAudio()]);
        await DispatchDoneAsync(call.CallId);
        await _second.SendEventsAsync([call.AgentJoined(), call.AgentAudio()]);
        var statuses = await Task.WhenAll(_first.SendEventAsync(toFirst, left), _second.SendEventAsync(toSecond, left));
        await _first.SendEventsAsync([call.RoomFinished()]);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NoContent, s));
        using var json = await _second.CallAsync(call.CallId);
        var lifecycle = json.RootElement.GetProperty("lifecycle");
        Assert.Equal(("ended", "completed"), (lifecycle.GetProperty("stage").GetString(), lifecycle.GetProperty("outcome").GetString()));
        Assert.Equal(call.Start.AddSeconds(4), lifecycle.GetProperty("answered_at").GetDateTimeOffset());
        Assert.Equal(call.Start.AddSeconds(64), lifecycle.GetProperty("ended_at").GetDateTimeOffset());
        Assert.Equal((3000, 60_000), (lifecycle.GetProperty("ring_ms").GetInt64(), lifecycle.GetProperty("talk_ms").GetInt64()));
        Assert.Equal(["agent_dispatched", "agent_joined", "answered", "ended", "in_room", "routed"],
            json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).Order(StringComparer.Ordinal));
        var ended = Assert.Single(_first.EndedCalls.Of(call.CallId).Concat(_second.EndedCalls.Of(call.CallId)));
        Assert.Equal((CallOutcome.Completed, TimeSpan.FromSeconds(60)), (ended.Outcome, ended.TalkTime));
        Assert.Single(_first.LiveKit.RequestsTo("CreateDispatch"), r => r.Body?["room"]?.GetValue<string>() == call.RoomName);
        _first.AssertNoWarningsLogged();
        _second.AssertNoWarningsLogged();
    }

    /// <summary>A tenant of its own, in force on both instances, and a call to its campaign that neither has seen.</summary>
    private async Task<(LiveKitCall Call, TestTenant Tenant)> NewCallAsync()
    {
        var tenant = TestTenant.New();
        await _first.ApplyAsync(tenant.Yaml());
        await _second.Services.GetRequiredService<RoutingTableRefresher>().RefreshAsync(Ct);    // else at its next tick, on a clock that stands still
        return (LiveKitCall.New(SwitchboardApp.NewNumber(), tenant.CampaignNumber, _first.Clock.GetUtcNow()), tenant);
    }

    /// <summary>Waits for the call's dispatch action to be done, by whichever instance ran it.</summary>
    private Task DispatchDoneAsync(string callId) => _first.WaitForAsync(
        () => QueryAsync(db => db.CallActions.AnyAsync(a => a.CallId == callId && a.Kind == CallActionKinds.DispatchAgent && a.State == CallActionStore.Done, Ct)),
        $"the dispatch of call {callId}");

    private async Task<T> QueryAsync<T>(Func<SwitchboardDb, Task<T>> query)
    {
        await using var scope = _first.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SwitchboardDb>());
    }
}
