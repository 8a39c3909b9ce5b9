using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Lifecycle;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.LiveKitEvents;

/// <summary>
/// LiveKit's own webhooks carry a call from the caller's join to hang-up: stages, ring and talk time, the outcome, and
/// one "call ended" signal — whatever duplicates, retries and reordering LiveKit's delivery brings (livekit.md §1.8-1.9).
/// </summary>
public abstract class CallLifecycleTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    [Fact]
    public async Task A_routed_call_is_followed_from_join_to_hang_up_with_its_durations()
    {
        var (call, _) = await RoutedCallAsync();

        await App.SendEventsAsync(call.AnsweredAndHungUp());

        using var json = await App.CallAsync(call.CallId);
        var lifecycle = json.RootElement.GetProperty("lifecycle");
        Assert.Equal("ended", lifecycle.GetProperty("stage").GetString());
        Assert.Equal("completed", lifecycle.GetProperty("outcome").GetString());
        Assert.Equal("CLIENT_INITIATED", lifecycle.GetProperty("disconnect_reason").GetString());
        Assert.Equal(call.RoomSid, lifecycle.GetProperty("room_sid").GetString());
        Assert.Equal(call.CallerIdentity, lifecycle.GetProperty("participant_identity").GetString());
        Assert.Equal(call.TwilioCallSid, lifecycle.GetProperty("twilio_call_sid").GetString());
        Assert.Equal(call.RoomName, json.RootElement.GetProperty("room_name").GetString());
        Assert.Equal(call.Start.AddSeconds(1), lifecycle.GetProperty("joined_at").GetDateTimeOffset());
        Assert.Equal(call.Start.AddSeconds(3), lifecycle.GetProperty("agent_joined_at").GetDateTimeOffset());
        Assert.Equal(call.Start.AddSeconds(4), lifecycle.GetProperty("answered_at").GetDateTimeOffset());
        Assert.Equal(call.Start.AddSeconds(64), lifecycle.GetProperty("ended_at").GetDateTimeOffset());
        Assert.Equal(4000, lifecycle.GetProperty("ring_ms").GetInt64());     // routed at Start, answered 4 s later
        Assert.Equal(60_000, lifecycle.GetProperty("talk_ms").GetInt64());
        Assert.Equal(["routed", "in_room", "agent_joined", "answered", "ended"], Timeline(json));
        var ended = Assert.Single(App.EndedCalls.Of(call.CallId));
        Assert.Equal((CallOutcome.Completed, TimeSpan.FromSeconds(60)), (ended.Outcome, ended.TalkTime));
    }

    [Fact]
    public async Task Every_event_delivered_twice_changes_nothing_the_second_time()
    {
        var (call, _) = await RoutedCallAsync();
        var events = call.AnsweredAndHungUp();

        await App.SendEventsAsync(events.SelectMany(e => new[] { e, e }));

        using var json = await App.CallAsync(call.CallId);
        Assert.Equal(["routed", "in_room", "agent_joined", "answered", "ended"], Timeline(json));
        Assert.Single(App.EndedCalls.Of(call.CallId));
        Assert.Equal(60_000, json.RootElement.GetProperty("lifecycle").GetProperty("talk_ms").GetInt64());
    }

    [Fact]
    public async Task The_room_finishing_before_the_callers_leave_ends_the_call_once_and_the_leave_refines_it()
    {
        var (call, _) = await RoutedCallAsync();

        await App.SendEventsAsync([call.CallerJoined(), call.AgentJoined(), call.AgentAudio(), call.RoomFinished(at: 84)]);
        using (var finished = await App.CallAsync(call.CallId))
        {
            Assert.Equal(call.Start.AddSeconds(84), finished.RootElement.GetProperty("lifecycle").GetProperty("ended_at").GetDateTimeOffset());
        }

        await App.SendEventsAsync([call.CallerLeft(at: 64)]);

        using var json = await App.CallAsync(call.CallId);
        var lifecycle = json.RootElement.GetProperty("lifecycle");
        Assert.Equal(call.Start.AddSeconds(64), lifecycle.GetProperty("ended_at").GetDateTimeOffset());
        Assert.Equal("CLIENT_INITIATED", lifecycle.GetProperty("disconnect_reason").GetString());
        Assert.Equal(60_000, lifecycle.GetProperty("talk_ms").GetInt64());
        Assert.Single(Timeline(json), t => t == "ended");
        Assert.Single(App.EndedCalls.Of(call.CallId));
    }

    [Fact]
    public async Task All_of_a_calls_events_at_once_in_any_order_give_the_same_call()
    {
        var (call, _) = await RoutedCallAsync();
        var events = call.AnsweredAndHungUp().Reverse().Concat(call.AnsweredAndHungUp()).ToList();
        using var client = App.CreateClient();

        var statuses = await Task.WhenAll(events.Select(e => App.SendEventAsync(client, e)));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NoContent, s));
        using var json = await App.CallAsync(call.CallId);
        var lifecycle = json.RootElement.GetProperty("lifecycle");
        Assert.Equal(("ended", "completed"), (lifecycle.GetProperty("stage").GetString(), lifecycle.GetProperty("outcome").GetString()));
        Assert.Equal((4000, 60_000), (lifecycle.GetProperty("ring_ms").GetInt64(), lifecycle.GetProperty("talk_ms").GetInt64()));
        Assert.Equal(["agent_joined", "answered", "ended", "in_room", "routed"], Timeline(json).Order(StringComparer.Ordinal));
        Assert.Single(App.EndedCalls.Of(call.CallId));
    }

    [Fact]
    public async Task A_caller_who_hangs_up_while_ringing_abandons_the_call()
    {
        var (call, _) = await RoutedCallAsync();

        await App.SendEventsAsync([call.CallerJoined(), call.AgentJoined(), call.CallerLeft(at: 9)]);

        using var json = await App.CallAsync(call.CallId);
        var lifecycle = json.RootElement.GetProperty("lifecycle");
        Assert.Equal("abandoned", lifecycle.GetProperty("outcome").GetString());
        Assert.Equal(9000, lifecycle.GetProperty("ring_ms").GetInt64());
        Assert.Equal(JsonValueKind.Null, lifecycle.GetProperty("talk_ms").ValueKind);
        Assert.Equal(CallOutcome.Abandoned, Assert.Single(App.EndedCalls.Of(call.CallId)).Outcome);
    }

    [Fact]
    public async Task A_trunk_failure_fails_the_call()
    {
        var (call, _) = await RoutedCallAsync();

        await App.SendEventsAsync([call.CallerJoined(), call.AgentAudio(), call.CallerLeft(at: 30, reason: "SIP_TRUNK_FAILURE")]);

        using var json = await App.CallAsync(call.CallId);
        Assert.Equal("failed", json.RootElement.GetProperty("lifecycle").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_call_never_routed_by_switchboard_is_recorded_from_the_events_with_its_lead()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        var caller = SwitchboardApp.NewNumber();
        var call = LiveKitCall.New(caller, tenant.CampaignNumber, App.Clock.GetUtcNow());
        var joined = call.CallerJoined();

        await App.SendEventsAsync([joined, joined, .. call.AnsweredAndHungUp().Skip(1)]);

        using var json = await App.CallAsync(call.CallId);
        var root = json.RootElement;
        Assert.Equal("events", root.GetProperty("source").GetString());
        Assert.Equal(("accept", "campaign_agent", "sales-bot"), (root.GetProperty("action").GetString(), root.GetProperty("reason").GetString(), root.GetProperty("agent_name").GetString()));
        Assert.Equal((tenant.Id, "promo"), (root.GetProperty("tenant_id").GetString(), root.GetProperty("campaign_id").GetString()));
        Assert.Equal("ST_Ru3NbK8cYw2L", root.GetProperty("trunk_id").GetString());
        Assert.Equal(call.Start.AddSeconds(1), root.GetProperty("received_at").GetDateTimeOffset());
        Assert.Equal(3000, root.GetProperty("lifecycle").GetProperty("ring_ms").GetInt64());    // ringing from the join, not from the routing
        Assert.Equal(["routed", "in_room", "agent_joined", "answered", "ended"], Timeline(json));
        using var leads = await App.LeadsAsync(tenant.Id, caller);
        Assert.Equal(1, Assert.Single(leads.RootElement.EnumerateArray()).GetProperty("call_count").GetInt32());
    }

    [Fact]
    public async Task Events_that_move_no_call_are_accepted_and_ignored()
    {
        var call = LiveKitCall.New(SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber(), App.Clock.GetUtcNow());
        using var client = App.CreateClient();

        var egress = await App.SendEventAsync(client, """{"event":"egress_started","egressInfo":{"egressId":"EG_1"},"id":"EV_egress00001","createdAt":"1772463600"}""");
        var started = await App.SendEventAsync(client, call.Event("room_started", 0, participant: null));
        var video = await App.SendEventAsync(client, call.Event("track_published", 2, new() { ["sid"] = "PA_x", ["identity"] = "cam" }, new() { ["sid"] = "TR_v", ["type"] = "VIDEO" }));
        var unknown = await App.SendEventAsync(client, call.Event("something_new", 2, participant: null));

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent], [egress, started, video, unknown]);
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(call.CallId));
    }

    [Theory]
    [InlineData("application/webhook+json")]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    public async Task LiveKits_content_type_and_plain_json_are_both_accepted(string mediaType)
    {
        var (call, _) = await RoutedCallAsync();
        using var client = App.CreateClient();

        var status = await App.SendEventAsync(client, call.CallerJoined(), mediaType);

        Assert.Equal(HttpStatusCode.NoContent, status);
        using var json = await App.CallAsync(call.CallId);
        Assert.Equal("in_room", json.RootElement.GetProperty("lifecycle").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Another_content_type_is_refused_with_415()
    {
        var (call, _) = await RoutedCallAsync();
        using var client = App.CreateClient();

        var status = await App.SendEventAsync(client, call.CallerJoined(), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        await AssertUntouchedAsync(call.CallId);
    }

    [Fact]
    public async Task An_unsigned_or_tampered_event_is_refused_with_401_and_writes_nothing()
    {
        var (call, _) = await RoutedCallAsync();
        using var client = App.CreateClient();
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/livekit/events")
        {
            Content = new StringContent(call.CallerJoined(), System.Text.Encoding.UTF8, "application/webhook+json"),
        };
        using var tampered = App.SignedEvent(call.CallerJoined());
        tampered.Content = new StringContent(call.CallerLeft(), System.Text.Encoding.UTF8, "application/webhook+json");

        using var first = await client.SendAsync(unsigned, Ct);
        using var second = await client.SendAsync(tampered, Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (first.StatusCode, second.StatusCode));
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        await AssertUntouchedAsync(call.CallId);
    }

    [Theory]
    [InlineData("{\"event\":\"participant_joined\"")]
    [InlineData("[]")]
    [InlineData("{\"event\":\"participant_joined\",\"createdAt\":\"1\"}")]
    [InlineData("{\"event\":\"participant_joined\",\"id\":\"EV_x\",\"room\":5}")]
    public async Task A_signed_event_that_cannot_be_read_is_answered_400_and_logged_as_an_error(string body)
    {
        using var client = App.CreateClient();

        var status = await App.SendEventAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(App.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("could not be read", StringComparison.Ordinal));
    }

    private async Task<(LiveKitCall Call, TestTenant Tenant)> RoutedCallAsync()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        var call = LiveKitCall.New(SwitchboardApp.NewNumber(), tenant.CampaignNumber, App.Clock.GetUtcNow());
        await App.RouteAsync(call.From, call.To, call.CallId);
        return (call, tenant);
    }

    private async Task AssertUntouchedAsync(string callId)
    {
        using var json = await App.CallAsync(callId);
        Assert.Equal("routed", json.RootElement.GetProperty("lifecycle").GetProperty("stage").GetString());
        Assert.Equal(["routed"], Timeline(json));
    }

    private static List<string> Timeline(JsonDocument call) =>
        [.. call.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];
}

[Collection(nameof(OnSqlite))]
public sealed class CallLifecycleOnSqlite(SqliteApp app) : CallLifecycleTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class CallLifecycleOnPostgres(PostgresApp app) : CallLifecycleTests<PostgresApp>(app);
