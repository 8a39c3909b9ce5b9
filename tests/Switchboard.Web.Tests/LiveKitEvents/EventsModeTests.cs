using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Data;
using Switchboard.LiveKit.StandIn;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.LiveKitEvents;

/// <summary>
/// Events mode (livekit.md §1.10): a caller joins a room that no rule gave an agent; on the SIP participant's join
/// Switchboard routes and acts through LiveKit's API — exactly one dispatch per call whatever the duplicates, retries and
/// lost answers; a rejected caller is hung up.
/// </summary>
public abstract class EventsModeTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected abstract LiveKitStandIn LiveKit { get; }

    [Fact]
    public async Task An_accepted_caller_gets_the_routed_agent_dispatched_once_with_the_call_as_metadata()
    {
        var call = await CallToTenantAsync();

        await App.SendEventsAsync([call.CallerJoined()]);

        var dispatch = await SingleDispatchAsync(call);
        Assert.Equal("sales-bot", dispatch.AgentName);
        using var metadata = JsonDocument.Parse(dispatch.Metadata);
        Assert.Equal(call.CallId, metadata.RootElement.GetProperty("call_id").GetString());
        Assert.Equal("promo", metadata.RootElement.GetProperty("campaign").GetProperty("id").GetString());
        var timeline = await TimelineAsync(call.CallId, "agent_dispatched");
        Assert.Equal(dispatch.Id, timeline.GetProperty("data").GetProperty("dispatch_id").GetString());
    }

    [Fact]
    public async Task The_same_join_delivered_five_times_at_once_dispatches_one_agent()
    {
        var call = await CallToTenantAsync();
        var joined = call.CallerJoined();
        using var client = App.CreateClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => App.SendEventAsync(client, joined)));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NoContent, s));
        await SingleDispatchAsync(call);
        await TimelineAsync(call.CallId, "agent_dispatched");
        Assert.Single(LiveKit.Dispatches, d => d.Room == call.RoomName);
    }

    [Fact]
    public async Task A_dispatch_whose_answer_was_lost_is_found_on_retry_not_made_twice()
    {
        var call = await CallToTenantAsync();
        LiveKit.FailNextAfterApply("CreateDispatch");

        await App.SendEventsAsync([call.CallerJoined()]);
        await WaitAsync(() => App.Logs.GetSnapshot().Any(r => r.Message.Contains(call.CallId, StringComparison.Ordinal) && r.Message.Contains("will retry", StringComparison.Ordinal)),
            "the retry to be scheduled");
        App.Clock.Advance(TimeSpan.FromSeconds(1));    // the retry is due half a second later on the service's clock

        var found = await TimelineAsync(call.CallId, "agent_dispatched");
        Assert.True(found.GetProperty("data").GetProperty("found").GetBoolean());
        await SingleDispatchAsync(call);
        Assert.Single(LiveKit.RequestsTo("CreateDispatch"), r => r.Body?["room"]?.GetValue<string>() == call.RoomName);
    }

    [Fact]
    public async Task A_rejected_caller_is_hung_up()
    {
        var tenant = TestTenant.New();
        var blocked = SwitchboardApp.NewNumber();
        await App.ApplyAsync(TestTenant.Document("", tenant.Entry(blockedCaller: blocked)));
        var call = LiveKitCall.New(blocked, tenant.CampaignNumber, App.Clock.GetUtcNow());
        LiveKit.AddSipParticipant(call.RoomName, blocked, tenant.CampaignNumber, call.CallId);

        await App.SendEventsAsync([call.CallerJoined()]);

        await TimelineAsync(call.CallId, "caller_removed");
        var remove = Assert.Single(LiveKit.RequestsTo("RemoveParticipant"), r => r.Body?["room"]?.GetValue<string>() == call.RoomName);
        Assert.Equal(call.CallerIdentity, remove.Body!["identity"]!.GetValue<string>());
        Assert.DoesNotContain(LiveKit.Dispatches, d => d.Room == call.RoomName);
        using var json = await App.CallAsync(call.CallId);
        Assert.Equal("reject", json.RootElement.GetProperty("action").GetString());
    }

    [Fact]
    public async Task Agent_and_track_events_act_on_nothing()
    {
        var call = await CallToTenantAsync();

        await App.SendEventsAsync([call.AgentJoined(), call.AgentAudio(), call.CallerLeft()]);

        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);    // a poll of the worker
        Assert.DoesNotContain(LiveKit.Dispatches, d => d.Room == call.RoomName);
        Assert.DoesNotContain(LiveKit.RequestsTo("RemoveParticipant"), r => r.Body?["room"]?.GetValue<string>() == call.RoomName);
    }

    [Fact]
    public async Task An_agent_that_never_joins_is_cancelled_and_replaced_by_the_backup_agent()
    {
        var call = await WatchedCallAsync(backupAgent: "backup-bot", transferTo: null);

        await App.SendEventsAsync([call.CallerJoined()]);
        var first = await SingleDispatchAsync(call);
        await DeadlineQueuedAsync(call.CallId);
        App.Clock.Advance(TimeSpan.FromSeconds(6));

        var timeout = await TimelineAsync(call.CallId, "agent_timeout");
        Assert.Equal(("sales-bot", "backup_agent"), (timeout.GetProperty("data").GetProperty("agent_name").GetString(), timeout.GetProperty("data").GetProperty("outcome").GetString()));
        await WaitAsync(() => LiveKit.Dispatches.Any(d => d.Room == call.RoomName && d.AgentName == "backup-bot"), "the backup dispatch");
        Assert.Single(LiveKit.RequestsTo("DeleteDispatch"), r => r.Body?["dispatch_id"]?.GetValue<string>() == first.Id);
        Assert.Equal(["backup-bot"], LiveKit.Dispatches.Where(d => d.Room == call.RoomName).Select(d => d.AgentName));
    }

    [Fact]
    public async Task With_no_backup_agent_the_caller_is_transferred()
    {
        var call = await WatchedCallAsync(backupAgent: null, transferTo: "tel:+15550009999");

        await App.SendEventsAsync([call.CallerJoined()]);
        await SingleDispatchAsync(call);
        await DeadlineQueuedAsync(call.CallId);
        App.Clock.Advance(TimeSpan.FromSeconds(6));

        var transferred = await TimelineAsync(call.CallId, "caller_transferred");
        Assert.Equal("tel:+15550009999", transferred.GetProperty("data").GetProperty("transfer_to").GetString());
        var transfer = Assert.Single(LiveKit.RequestsTo("TransferSIPParticipant"), r => r.Body?["room_name"]?.GetValue<string>() == call.RoomName);
        Assert.Equal(call.CallerIdentity, transfer.Body!["participant_identity"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_agent_that_joins_in_time_stops_the_watchdog()
    {
        var call = await WatchedCallAsync(backupAgent: "backup-bot", transferTo: "tel:+15550009999");

        await App.SendEventsAsync([call.CallerJoined()]);
        await SingleDispatchAsync(call);
        await DeadlineQueuedAsync(call.CallId);
        await App.SendEventsAsync([call.AgentJoined()]);
        App.Clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal("agent_joined", await DeadlineOutcomeAsync(call.CallId));
        Assert.DoesNotContain(LiveKit.RequestsTo("DeleteDispatch"), r => r.Body?["room"]?.GetValue<string>() == call.RoomName);
        Assert.Equal(["sales-bot"], LiveKit.Dispatches.Where(d => d.Room == call.RoomName).Select(d => d.AgentName));
    }

    [Fact]
    public async Task An_agent_already_in_the_room_whose_join_event_is_late_is_not_replaced()
    {
        var call = await WatchedCallAsync(backupAgent: "backup-bot", transferTo: null);
        LiveKit.AddAgentParticipant(call.RoomName, call.AgentIdentity);

        await App.SendEventsAsync([call.CallerJoined()]);
        await SingleDispatchAsync(call);
        await DeadlineQueuedAsync(call.CallId);
        App.Clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal("agent_present", await DeadlineOutcomeAsync(call.CallId));
        Assert.DoesNotContain(LiveKit.Dispatches, d => d.Room == call.RoomName && d.AgentName == "backup-bot");
    }

    /// <summary>A call to a campaign whose agent has 5 s to join, with the caller in the stand-in's room.</summary>
    private async Task<LiveKitCall> WatchedCallAsync(string? backupAgent, string? transferTo)
    {
        var tenant = SwitchboardApp.NewSlug("w");
        var dialed = SwitchboardApp.NewNumber();
        await App.ApplyAsync($"""
            tenants:
              - id: {tenant}
                name: Watched {tenant}
                default_agent: tenant-bot
            {(transferTo is null ? "" : $"    fallback_transfer_to: \"{transferTo}\"\n")}    campaigns:
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
    private Task DeadlineQueuedAsync(string callId) => WaitAsync(async () =>
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        return await db.CallActions.AnyAsync(a => a.CallId == callId && a.Kind == CallActionKinds.AgentTimeout, Ct);
    }, $"the deadline of call {callId}");

    /// <summary>Waits for the watchdog's deadline to be done; what it found.</summary>
    private async Task<string> DeadlineOutcomeAsync(string callId)
    {
        string? outcome = null;
        await WaitAsync(async () =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            var deadline = await db.CallActions.AsNoTracking().SingleAsync(a => a.CallId == callId && a.Kind == CallActionKinds.AgentTimeout, Ct);
            if (deadline.State == CallActionStore.Pending)
            {
                return false;
            }

            using var result = JsonDocument.Parse(deadline.ResultJson ?? "{}");
            outcome = result.RootElement.TryGetProperty("outcome", out var value) ? value.GetString() : deadline.State;
            return true;
        }, $"the deadline of call {callId} to run");
        return outcome!;
    }

    private async Task<LiveKitCall> CallToTenantAsync()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        return LiveKitCall.New(SwitchboardApp.NewNumber(), tenant.CampaignNumber, App.Clock.GetUtcNow());
    }

    private async Task<StandInDispatch> SingleDispatchAsync(LiveKitCall call)
    {
        await WaitAsync(() => LiveKit.Dispatches.Any(d => d.Room == call.RoomName), $"a dispatch to {call.RoomName}");
        return Assert.Single(LiveKit.Dispatches, d => d.Room == call.RoomName);
    }

    /// <summary>Waits for the call's timeline to hold <paramref name="type"/>; that entry.</summary>
    private async Task<JsonElement> TimelineAsync(string callId, string type)
    {
        JsonElement? found = null;
        await WaitAsync(async () =>
        {
            using var json = await App.CallAsync(callId);
            var match = json.RootElement.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == type).ToList();
            Assert.True(match.Count <= 1, $"{match.Count} '{type}' entries");
            found = match.Count == 1 ? match[0].Clone() : null;
            return found is not null;
        }, $"'{type}' on call {callId}");
        return found!.Value;
    }

    private Task WaitAsync(Func<bool> condition, string what) => WaitAsync(() => Task.FromResult(condition()), what);

    private async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}. Logged:\n"
                + string.Join('\n', App.Logs.GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception?.Message}")));
            await Task.Delay(50, Ct);
        }
    }
}

[Collection(nameof(OnSqliteWithLiveKit))]
public sealed class EventsModeOnSqlite(SqliteLiveKitApp app) : EventsModeTests<SqliteLiveKitApp>(app)
{
    protected override LiveKitStandIn LiveKit => App.LiveKit;

    /// <summary>
    /// The call-action worker reads the database as soon as it starts; on SQLite its first read runs within its start. The
    /// migration comes first, so a fresh database is never read before it has its tables.
    /// </summary>
    [Fact]
    public async Task A_fresh_database_is_migrated_before_the_call_action_worker_first_reads_it()
    {
        await using var fresh = new SqliteLiveKitApp();
        await fresh.InitializeAsync();

        fresh.AssertNoWarningsLogged();
    }
}

[Collection(nameof(OnPostgresWithLiveKit))]
public sealed class EventsModeOnPostgres(PostgresLiveKitApp app) : EventsModeTests<PostgresLiveKitApp>(app)
{
    protected override LiveKitStandIn LiveKit => App.LiveKit;
}
