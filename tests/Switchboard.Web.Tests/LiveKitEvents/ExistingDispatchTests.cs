using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Data;
using Switchboard.LiveKit.StandIn;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.LiveKitEvents;

/// <summary>
/// A caller's room that LiveKit gave an agent itself, before Switchboard acts on the join: a rule whose <c>room_config</c>
/// names agents (a failover guard's, set while Switchboard was down). Switchboard dispatches no second agent, records the one
/// it found, and its watchdog watches that one. LiveKit's unnamed automatic dispatch, which every other room has, does not count.
/// </summary>
public abstract class ExistingDispatchTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    protected abstract LiveKitStandIn LiveKit { get; }

    [Fact]
    public async Task A_room_that_already_has_another_agents_dispatch_gets_no_second_agent()
    {
        var call = await WatchedCallAsync(backupAgent: null);
        var guard = LiveKit.AddDispatch(call.RoomName, "guard-bot");

        await App.SendEventsAsync([call.CallerJoined()]);

        var data = (await TimelineAsync(call.CallId, "agent_dispatched")).GetProperty("data");
        Assert.True(data.GetProperty("found").GetBoolean());
        Assert.Equal((guard.Id, "guard-bot"), (data.GetProperty("dispatch_id").GetString(), data.GetProperty("agent_name").GetString()));
        Assert.DoesNotContain(LiveKit.RequestsTo("CreateDispatch"), r => r.Body?["room"]?.GetValue<string>() == call.RoomName);
        Assert.Equal([guard.Id], LiveKit.Dispatches.Where(d => d.Room == call.RoomName).Select(d => d.Id));
        Assert.DoesNotContain(App.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning && r.Message.Contains(call.CallId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_watchdog_cancels_the_found_dispatch_whose_agent_never_joins_and_sends_the_backup_agent()
    {
        var call = await WatchedCallAsync(backupAgent: "backup-bot");
        var guard = LiveKit.AddDispatch(call.RoomName, "guard-bot");

        await App.SendEventsAsync([call.CallerJoined()]);
        await TimelineAsync(call.CallId, "agent_dispatched");
        await DeadlineQueuedAsync(call.CallId);
        App.Clock.Advance(TimeSpan.FromSeconds(6));

        var timeout = (await TimelineAsync(call.CallId, "agent_timeout")).GetProperty("data");
        Assert.Equal((guard.Id, "guard-bot", "backup_agent"),
            (timeout.GetProperty("dispatch_id").GetString(), timeout.GetProperty("agent_name").GetString(), timeout.GetProperty("outcome").GetString()));
        await App.WaitForAsync(() => Task.FromResult(LiveKit.Dispatches.Any(d => d.Room == call.RoomName && d.AgentName == "backup-bot")), "the backup dispatch");
        Assert.Single(LiveKit.RequestsTo("DeleteDispatch"), r => r.Body?["dispatch_id"]?.GetValue<string>() == guard.Id);
        Assert.Equal(["backup-bot"], LiveKit.Dispatches.Where(d => d.Room == call.RoomName).Select(d => d.AgentName));
    }

    [Fact]
    public async Task LiveKits_unnamed_automatic_dispatch_does_not_stop_the_routed_agent()
    {
        var call = await WatchedCallAsync(backupAgent: null);
        LiveKit.AddDispatch(call.RoomName, "");

        await App.SendEventsAsync([call.CallerJoined()]);

        var data = (await TimelineAsync(call.CallId, "agent_dispatched")).GetProperty("data");
        Assert.False(data.TryGetProperty("found", out _));
        Assert.Equal("sales-bot", data.GetProperty("agent_name").GetString());
        var create = Assert.Single(LiveKit.RequestsTo("CreateDispatch"), r => r.Body?["room"]?.GetValue<string>() == call.RoomName);
        Assert.Equal("sales-bot", create.Body!["agent_name"]!.GetValue<string>());
    }

    /// <summary>A call to a campaign whose agent, <c>sales-bot</c>, has 5 s to join, with the caller in the stand-in's room.</summary>
    private async Task<LiveKitCall> WatchedCallAsync(string? backupAgent)
    {
        var tenant = SwitchboardApp.NewSlug("x");
        var dialed = SwitchboardApp.NewNumber();
        await App.ApplyAsync($"""
            tenants:
              - id: {tenant}
                name: Existing {tenant}
                default_agent: tenant-bot
                campaigns:
                  - id: promo
                    name: Promo
                    agent: sales-bot
                    agent_join_timeout_seconds: 5
            {(backupAgent is null ? "" : $"        backup_agent: {backupAgent}\n")}    numbers:
                  - number: "{dialed}"
                    campaign: promo
            """);
        var call = LiveKitCall.New(SwitchboardApp.NewNumber(), dialed, App.Clock.GetUtcNow());
        LiveKit.AddSipParticipant(call.RoomName, call.From, dialed, call.CallId);
        return call;
    }

    /// <summary>Waits until the watchdog's deadline is queued, so advancing the clock passes it.</summary>
    private Task DeadlineQueuedAsync(string callId) => App.WaitForAsync(async () =>
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        return await db.CallActions.AnyAsync(a => a.CallId == callId && a.Kind == CallActionKinds.AgentTimeout, Ct);
    }, $"the deadline of call {callId}");

    /// <summary>Waits for the call's timeline to hold <paramref name="type"/>; that entry.</summary>
    private async Task<JsonElement> TimelineAsync(string callId, string type)
    {
        JsonElement? found = null;
        await App.WaitForAsync(async () =>
        {
            using var json = await App.CallAsync(callId);
            var match = json.RootElement.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == type).ToList();
            Assert.True(match.Count <= 1, $"{match.Count} '{type}' entries");
            found = match.Count == 1 ? match[0].Clone() : null;
            return found is not null;
        }, $"'{type}' on call {callId}");
        return found!.Value;
    }
}

[Collection(nameof(OnSqliteWithLiveKit))]
public sealed class ExistingDispatchOnSqlite(SqliteLiveKitApp app) : ExistingDispatchTests<SqliteLiveKitApp>(app)
{
    protected override LiveKitStandIn LiveKit => App.LiveKit;
}

[Collection(nameof(OnPostgresWithLiveKit))]
public sealed class ExistingDispatchOnPostgres(PostgresLiveKitApp app) : ExistingDispatchTests<PostgresLiveKitApp>(app)
{
    protected override LiveKitStandIn LiveKit => App.LiveKit;
}
