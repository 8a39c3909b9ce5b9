using System.Text.Json;
using Switchboard.Core.Lifecycle;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>
/// A call the routing webhook rejects never reaches a room (LiveKit refuses it), so no LiveKit event will ever end it: it is
/// recorded as ended, outcome <c>rejected</c>, when it is decided, with one "call ended" signal. A call rejected on the caller's
/// join is in a room, and its events end it as before.
/// </summary>
public abstract class RejectedCallTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    [Fact]
    public async Task A_call_the_routing_webhook_rejects_is_ended_as_rejected_when_decided()
    {
        var (tenant, blocked) = await BlockingTenantAsync();
        var callId = Calls.NewCallId();

        await App.RouteAsync(blocked, tenant.CampaignNumber, callId);

        using var json = await App.CallAsync(callId);
        var lifecycle = json.RootElement.GetProperty("lifecycle");
        Assert.Equal(("ended", "rejected"), (lifecycle.GetProperty("stage").GetString(), lifecycle.GetProperty("outcome").GetString()));
        Assert.Equal(json.RootElement.GetProperty("decided_at").GetDateTimeOffset(), lifecycle.GetProperty("ended_at").GetDateTimeOffset());
        Assert.Equal(0, lifecycle.GetProperty("ring_ms").GetInt64());          // the app's clock stands still: decided as received
        Assert.Equal(JsonValueKind.Null, lifecycle.GetProperty("talk_ms").ValueKind);
        Assert.Equal(["rejected", "ended"], Timeline(json));
        Assert.Equal("rejected", json.RootElement.GetProperty("events")[1].GetProperty("data").GetProperty("outcome").GetString());
        var ended = Assert.Single(App.EndedCalls.Of(callId));
        Assert.Equal((CallOutcome.Rejected, tenant.Id, (string?)null), (ended.Outcome, ended.TenantId, ended.AgentName));
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_rejected_call_repeated_by_the_webhook_ends_once()
    {
        var (tenant, blocked) = await BlockingTenantAsync();
        var callId = Calls.NewCallId();

        await App.RouteAsync(blocked, tenant.CampaignNumber, callId);
        await App.RouteAsync(blocked, tenant.CampaignNumber, callId);

        using var json = await App.CallAsync(callId);
        Assert.Equal(["rejected", "ended"], Timeline(json));
        Assert.Single(App.EndedCalls.Of(callId));
    }

    [Fact]
    public async Task A_livekit_event_for_a_rejected_call_neither_reopens_it_nor_ends_it_again()
    {
        var (tenant, blocked) = await BlockingTenantAsync();
        var call = LiveKitCall.New(blocked, tenant.CampaignNumber, App.Clock.GetUtcNow());
        await App.RouteAsync(blocked, tenant.CampaignNumber, call.CallId);
        using var before = await App.CallAsync(call.CallId);

        await App.SendEventsAsync([call.CallerJoined()]);
        using var joined = await App.CallAsync(call.CallId);
        await App.SendEventsAsync([call.CallerLeft(at: 5), call.RoomFinished(at: 6)]);

        using var after = await App.CallAsync(call.CallId);
        foreach (var json in new[] { joined, after })
        {
            var lifecycle = json.RootElement.GetProperty("lifecycle");
            Assert.Equal(("ended", "rejected"), (lifecycle.GetProperty("stage").GetString(), lifecycle.GetProperty("outcome").GetString()));
            Assert.Equal(before.RootElement.GetProperty("lifecycle").GetProperty("ended_at").GetDateTimeOffset(), lifecycle.GetProperty("ended_at").GetDateTimeOffset());
            Assert.Equal(["rejected", "ended"], Timeline(json));
        }

        Assert.Single(App.EndedCalls.Of(call.CallId));
    }

    [Fact]
    public async Task A_call_rejected_on_the_callers_join_is_in_its_room_until_the_caller_leaves()
    {
        var (tenant, blocked) = await BlockingTenantAsync();
        var call = LiveKitCall.New(blocked, tenant.CampaignNumber, App.Clock.GetUtcNow());

        await App.SendEventsAsync([call.CallerJoined()]);
        using var joined = await App.CallAsync(call.CallId);
        var signalsWhileInRoom = App.EndedCalls.Of(call.CallId).Count;
        await App.SendEventsAsync([call.CallerLeft(at: 5)]);

        Assert.Equal(("reject", "in_room"), (joined.RootElement.GetProperty("action").GetString(), joined.RootElement.GetProperty("lifecycle").GetProperty("stage").GetString()));
        Assert.Equal(0, signalsWhileInRoom);
        using var left = await App.CallAsync(call.CallId);
        var lifecycle = left.RootElement.GetProperty("lifecycle");
        Assert.Equal(("ended", "rejected"), (lifecycle.GetProperty("stage").GetString(), lifecycle.GetProperty("outcome").GetString()));
        Assert.Equal(call.Start.AddSeconds(5), lifecycle.GetProperty("ended_at").GetDateTimeOffset());
        Assert.Equal(["rejected", "in_room", "ended"], Timeline(left));
        Assert.Single(App.EndedCalls.Of(call.CallId));
    }

    /// <summary>A tenant of the test's own, with a caller on its blocklist.</summary>
    private async Task<(TestTenant Tenant, string Blocked)> BlockingTenantAsync()
    {
        var tenant = TestTenant.New();
        var blocked = SwitchboardApp.NewNumber();
        await App.ApplyAsync(TestTenant.Document("", tenant.Entry(blockedCaller: blocked)));
        App.Logs.Clear();
        return (tenant, blocked);
    }

    private static List<string> Timeline(JsonDocument call) =>
        [.. call.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];
}

[Collection(nameof(OnSqlite))]
public sealed class RejectedCallsOnSqlite(SqliteApp app) : RejectedCallTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class RejectedCallsOnPostgres(PostgresApp app) : RejectedCallTests<PostgresApp>(app);
