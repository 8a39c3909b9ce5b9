using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Switchboard.Core.Configuration;
using Switchboard.Core.Lifecycle;
using Switchboard.Data;
using Switchboard.LiveKit.StandIn;
using Switchboard.Web.Hosting;
using Switchboard.Web.Routing;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>
/// LiveKit's proposed dynamic-dispatch webhook (livekit.md §5): the same decision, record and replay as the seed webhook,
/// answered in the proposal's shape; guarded by a token in the URL that no log line and no answer ever shows.
/// </summary>
public abstract class DynamicDispatchTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected abstract LiveKitStandIn LiveKit { get; }

    [Fact]
    public async Task An_accepted_call_gets_its_room_metadata_attributes_and_agent_in_the_proposal_s_shape()
    {
        var tenant = await TenantAsync();
        var callId = Calls.NewCallId();
        var caller = SwitchboardApp.NewNumber();

        var answer = await DispatchOkAsync(Body(callId, caller, tenant.CampaignNumber));

        var root = answer.Json;
        Assert.Equal(["dispatch_action", "room_name", "metadata", "attributes", "room_config"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("accept", root.GetProperty("dispatch_action").GetString());
        Assert.Equal($"call-{callId}", root.GetProperty("room_name").GetString());
        var metadataText = root.GetProperty("metadata").GetString()!;
        using var metadata = JsonDocument.Parse(metadataText);
        Assert.Equal(callId, metadata.RootElement.GetProperty("call_id").GetString());
        Assert.Equal(tenant.Id, metadata.RootElement.GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("promo", metadata.RootElement.GetProperty("campaign").GetProperty("id").GetString());
        var lead = metadata.RootElement.GetProperty("lead");
        Assert.False(lead.GetProperty("returning").GetBoolean());
        Assert.Equal(1, lead.GetProperty("call_count").GetInt32());
        Assert.Equal(
            [("switchboard.tenant", tenant.Id), ("switchboard.campaign", "promo"), ("switchboard.lead", lead.GetProperty("id").GetString()!)],
            root.GetProperty("attributes").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        var roomConfig = root.GetProperty("room_config");
        Assert.Equal(["agents"], roomConfig.EnumerateObject().Select(p => p.Name));
        var agent = Assert.Single(roomConfig.GetProperty("agents").EnumerateArray().ToList());
        Assert.Equal(["agent_name", "metadata"], agent.EnumerateObject().Select(p => p.Name));
        Assert.Equal("sales-bot", agent.GetProperty("agent_name").GetString());
        Assert.Equal(metadataText, agent.GetProperty("metadata").GetString());
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_rejected_call_gets_reject_with_the_reason_code_and_nothing_else()
    {
        var tenant = TestTenant.New();
        var blocked = SwitchboardApp.NewNumber();
        await App.ApplyAsync(TestTenant.Document("", tenant.Entry(blockedCaller: blocked)));

        var answer = await DispatchOkAsync(Body(Calls.NewCallId(), blocked, tenant.CampaignNumber));

        Assert.Equal("""{"dispatch_action":"reject","reject_reason":"caller_blocked"}""", answer.Text);
    }

    [Fact]
    public async Task A_rejected_call_never_reaches_a_room_so_it_is_recorded_ended_as_rejected_at_once()
    {
        var tenant = TestTenant.New();
        var blocked = SwitchboardApp.NewNumber();
        await App.ApplyAsync(TestTenant.Document("", tenant.Entry(blockedCaller: blocked)));
        var callId = Calls.NewCallId();

        await DispatchOkAsync(Body(callId, blocked, tenant.CampaignNumber));

        using var call = await App.CallAsync(callId);
        var lifecycle = call.RootElement.GetProperty("lifecycle");
        Assert.Equal(("ended", "rejected"), (lifecycle.GetProperty("stage").GetString(), lifecycle.GetProperty("outcome").GetString()));
        Assert.Equal(call.RootElement.GetProperty("decided_at").GetDateTimeOffset(), lifecycle.GetProperty("ended_at").GetDateTimeOffset());
        Assert.Equal(CallOutcome.Rejected, Assert.Single(App.EndedCalls.Of(callId)).Outcome);
    }

    [Fact]
    public async Task The_call_is_recorded_like_a_seed_webhook_call_with_its_room_and_trunk()
    {
        var tenant = await TenantAsync();
        var callId = Calls.NewCallId();
        var caller = SwitchboardApp.NewNumber();
        var body = Body(callId, caller, tenant.CampaignNumber);
        body["trunk_id"] = "ST_Ru3NbK8cYw2L";

        await DispatchOkAsync(body);

        using var call = await App.CallAsync(callId);
        var row = call.RootElement;
        Assert.Equal(("accept", "campaign_agent", "sales-bot"), (row.GetProperty("action").GetString(), row.GetProperty("reason").GetString(), row.GetProperty("agent_name").GetString()));
        Assert.Equal((caller, tenant.CampaignNumber), (row.GetProperty("from_raw").GetString(), row.GetProperty("to_raw").GetString()));
        Assert.Equal(("ST_Ru3NbK8cYw2L", $"call-{callId}", "webhook"),
            (row.GetProperty("trunk_id").GetString(), row.GetProperty("room_name").GetString(), row.GetProperty("source").GetString()));
        Assert.Equal("routed", Assert.Single(row.GetProperty("events").EnumerateArray().ToList()).GetProperty("type").GetString());
        using var leads = await App.LeadsAsync(tenant.Id, caller);
        Assert.Equal(1, Assert.Single(leads.RootElement.EnumerateArray().ToList()).GetProperty("call_count").GetInt32());
    }

    [Fact]
    public async Task A_repeated_call_id_gets_the_byte_identical_answer_and_counts_once()
    {
        var tenant = await TenantAsync();
        var callId = Calls.NewCallId();
        var caller = SwitchboardApp.NewNumber();
        var body = Body(callId, caller, tenant.CampaignNumber);
        var first = await DispatchOkAsync(body);

        var repeat = await DispatchOkAsync(body, DynamicDispatchApps.RotatedToken);

        Assert.Equal(first.Bytes, repeat.Bytes);
        using var call = await App.CallAsync(callId);
        Assert.Single(call.RootElement.GetProperty("events").EnumerateArray().ToList());
        using var leads = await App.LeadsAsync(tenant.Id, caller);
        Assert.Equal(1, Assert.Single(leads.RootElement.EnumerateArray().ToList()).GetProperty("call_count").GetInt32());
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_call_routed_by_the_seed_webhook_first_gets_the_same_decision_in_this_shape()
    {
        var tenant = await TenantAsync();
        var callId = Calls.NewCallId();
        var caller = SwitchboardApp.NewNumber();
        var seed = await App.RouteAsync(caller, tenant.CampaignNumber, callId);

        var answer = await DispatchOkAsync(Body(callId, caller, tenant.CampaignNumber));

        Assert.Equal(seed.Json.GetProperty("metadata").GetRawText(), answer.Json.GetProperty("metadata").GetString());
        Assert.Equal(seed.Json.GetProperty("agent_name").GetString(), answer.Json.GetProperty("room_config").GetProperty("agents")[0].GetProperty("agent_name").GetString());
    }

    [Fact]
    public async Task A_request_with_only_a_call_id_is_an_anonymous_call_to_an_unknown_number()
    {
        await App.ApplyAsync(TestTenant.Document("default_agent: dd-front-desk", TestTenant.New().Entry()));
        var callId = Calls.NewCallId();

        var answer = await DispatchOkAsync(new JsonObject { ["call_id"] = callId, ["future_field"] = new JsonObject { ["x"] = 1 } });

        Assert.Equal("accept", answer.Json.GetProperty("dispatch_action").GetString());
        Assert.Equal("dd-front-desk", answer.Json.GetProperty("room_config").GetProperty("agents")[0].GetProperty("agent_name").GetString());
        Assert.Equal("{}", answer.Json.GetProperty("attributes").GetRawText());
        using var call = await App.CallAsync(callId);
        Assert.Equal(("unknown_number_default_agent", "", ""),
            (call.RootElement.GetProperty("reason").GetString(), call.RootElement.GetProperty("from_raw").GetString(), call.RootElement.GetProperty("to_raw").GetString()));
        Assert.Equal(JsonValueKind.Null, call.RootElement.GetProperty("lead_id").ValueKind);
    }

    [Fact]
    public async Task Both_configured_tokens_are_accepted_while_a_rotation_is_under_way()
    {
        var tenant = await TenantAsync();

        var current = await DispatchAsync(Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), tenant.CampaignNumber), DynamicDispatchApps.Token);
        var next = await DispatchAsync(Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), tenant.CampaignNumber), DynamicDispatchApps.RotatedToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (current.Status, next.Status));
        Assert.Equal(("accept", "accept"), (current.Json.GetProperty("dispatch_action").GetString(), next.Json.GetProperty("dispatch_action").GetString()));
    }

    [Theory]
    [InlineData("dd-wrong-0123456789abcdef0123456789abcdef0")]
    [InlineData(DynamicDispatchApps.Token + "0")]
    [InlineData("dd-current-0123456789abcdef0123456789abcde")]   // the token less its last character
    [InlineData("DD-CURRENT-0123456789ABCDEF0123456789ABCDEF")]   // tokens are case-sensitive, unlike paths
    [InlineData("x")]
    public async Task A_wrong_token_is_a_404_like_an_unknown_path_and_writes_nothing(string token)
    {
        var tenant = await TenantAsync();
        var callId = Calls.NewCallId();
        var unknownPath = await PostAsync("/api/v1/webhooks/livekit/no-such-endpoint", Body(callId, SwitchboardApp.NewNumber(), tenant.CampaignNumber).ToJsonString());

        var answer = await DispatchAsync(Body(callId, SwitchboardApp.NewNumber(), tenant.CampaignNumber), token);

        DispatchAnswer.AssertSameNotFound(unknownPath, answer);
        Assert.DoesNotContain(token, answer.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
        var warning = Assert.Single(App.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal(typeof(DynamicDispatchAccess).FullName, warning.Category);
        Assert.Contains("unknown token", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_get_on_the_endpoint_is_refused_without_routing_anything()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(DynamicDispatchApps.PathFor(DynamicDispatchApps.Token), Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.DoesNotContain(DynamicDispatchApps.Token, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_appears_in_no_log_record_message_state_or_scope()
    {
        var tenant = await TenantAsync();
        const string WrongToken = "dd-guess-00000000000000000000000000000000";
        App.Logs.Clear();

        await DispatchOkAsync(Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), tenant.CampaignNumber));
        await DispatchAsync(Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), tenant.CampaignNumber), DynamicDispatchApps.RotatedToken, mediaType: "text/plain");
        await DispatchAsync(Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), tenant.CampaignNumber), WrongToken);
        await DispatchAsync(new JsonObject { ["call_id"] = 42 }, DynamicDispatchApps.Token);
        await DispatchAsync(Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), tenant.CampaignNumber), DynamicDispatchApps.Token + "/");

        var records = App.Logs.GetSnapshot();
        // The check looks where a leak would be: ASP.NET Core's request logs are on, and they and the request scope carry the path.
        Assert.Contains(records, r => r.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && r.Message.StartsWith("Request starting", StringComparison.Ordinal)
            && r.Message.Contains(DynamicDispatchEndpoints.PathPrefix + "/redacted", StringComparison.Ordinal));
        Assert.Contains(records, r => DispatchAnswer.Texts(r).Contains("RequestPath=" + DynamicDispatchEndpoints.PathPrefix + "/redacted"));
        Assert.Contains(records, r => r.Category == typeof(CallRouting).FullName && r.Level == LogLevel.Debug);
        foreach (var token in new[] { DynamicDispatchApps.Token, DynamicDispatchApps.RotatedToken, WrongToken })
        {
            var leaks = records.Where(r => DispatchAnswer.Texts(r).Any(t => t.Contains(token, StringComparison.Ordinal))).Select(r => $"{r.Category}: {r.Message}").ToList();
            Assert.True(leaks.Count == 0, "The token was logged:\n" + string.Join('\n', leaks));
        }
    }

    [Fact]
    public async Task The_token_appears_in_no_answer_header_or_body()
    {
        var tenant = await TenantAsync();
        using var client = App.CreateClient();
        var requests = new[]
        {
            (DynamicDispatchApps.Token, "application/json", Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), tenant.CampaignNumber).ToJsonString()),
            (DynamicDispatchApps.Token, "application/json", "{\"call_id\": 7}"),
            (DynamicDispatchApps.Token, "text/plain", "{}"),
            (DynamicDispatchApps.Token + "x", "application/json", "{}"),
        };

        foreach (var (token, mediaType, json) in requests)
        {
            using var request = Request(token, Encoding.UTF8.GetBytes(json), mediaType);
            using var response = await client.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain(DynamicDispatchApps.Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(response.Headers.Concat(response.Content.Headers), h => h.Value.Any(v => v.Contains(DynamicDispatchApps.Token, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task An_accepted_caller_joining_the_room_gets_the_agent_dispatched_with_the_same_metadata()
    {
        var tenant = await TenantAsync();
        var callId = Calls.NewCallId();
        var caller = SwitchboardApp.NewNumber();
        var answer = await DispatchOkAsync(Body(callId, caller, tenant.CampaignNumber));
        var call = new LiveKitCall(callId, caller, tenant.CampaignNumber, App.Clock.GetUtcNow()) { RoomName = answer.Json.GetProperty("room_name").GetString()! };

        await App.SendEventsAsync([call.CallerJoined()]);

        var deadline = DateTime.UtcNow + Patience;
        while (!LiveKit.Dispatches.Any(d => d.Room == call.RoomName))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no dispatch to {call.RoomName}");
            await Task.Delay(50, Ct);
        }

        var dispatch = Assert.Single(LiveKit.Dispatches, d => d.Room == call.RoomName);
        Assert.Equal("sales-bot", dispatch.AgentName);
        Assert.Equal(answer.Json.GetProperty("metadata").GetString(), dispatch.Metadata);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_malformed_request_and_writes_nothing()
    {
        var callId = Calls.NewCallId();

        var answer = await DispatchRawAsync(Encoding.UTF8.GetBytes($$"""{"call_id": "{{callId}}", "from_user": """));

        AssertProblem(answer, HttpStatusCode.BadRequest, "malformed_request");
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"SCL_1\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task A_body_that_is_not_a_json_object_is_a_400_malformed_request(string json)
    {
        var answer = await DispatchRawAsync(Encoding.UTF8.GetBytes(json));

        AssertProblem(answer, HttpStatusCode.BadRequest, "malformed_request");
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_a_400_malformed_request_and_writes_nothing()
    {
        var callId = Calls.NewCallId();
        var bytes = Encoding.Latin1.GetBytes($$"""{"call_id": "{{callId}}", "from_host": "café.example"}""");

        var answer = await DispatchRawAsync(bytes);

        AssertProblem(answer, HttpStatusCode.BadRequest, "malformed_request");
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
    }

    [Theory]
    [InlineData("""{"from_user": "+14155550123"}""", "is required.")]
    [InlineData("""{"call_id": null}""", "is required.")]
    [InlineData("""{"call_id": ""}""", "must not be empty.")]
    [InlineData("""{"call_id": "  "}""", "must not be empty.")]
    [InlineData("""{"call_id": 42}""", "must be a string, not a number.")]
    [InlineData("""{"call_id": {"id": "SCL_1"}}""", "must be a string, not an object.")]
    [InlineData("""{"call_id": "SCL_\ud800"}""", "must be a valid string (it escapes an unpaired surrogate).")]
    public async Task A_missing_empty_or_non_string_call_id_is_a_400_naming_it(string json, string error)
    {
        var answer = await DispatchRawAsync(Encoding.UTF8.GetBytes(json));

        var problem = AssertProblem(answer, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal([error], problem.GetProperty("errors").GetProperty("call_id").EnumerateArray().Select(e => e.GetString()));
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("from_user")]
    [InlineData("from_host")]
    [InlineData("to_user")]
    public async Task An_optional_field_escaping_a_lone_surrogate_is_a_400_naming_it_and_writes_nothing(string field)
    {
        var callId = Calls.NewCallId();
        var body = Body(callId, SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber());
        body[field] = "LONE";

        var answer = await DispatchRawAsync(Encoding.UTF8.GetBytes(body.ToJsonString().Replace("LONE", "\\udc00", StringComparison.Ordinal)));

        var problem = AssertProblem(answer, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("must be a valid string (it escapes an unpaired surrogate).", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
    }

    [Fact]
    public async Task An_unknown_field_name_escaping_a_lone_surrogate_is_a_400_malformed_request_and_writes_nothing()
    {
        var callId = Calls.NewCallId();
        var json = Body(callId, SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber()).ToJsonString().TrimEnd('}') + ",\"\\ud800\\u0041\": \"x\"}";

        var answer = await DispatchRawAsync(Encoding.UTF8.GetBytes(json));

        AssertProblem(answer, HttpStatusCode.BadRequest, "malformed_request");
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("project_id")]
    [InlineData("trunk_id")]
    [InlineData("from_user")]
    [InlineData("from_host")]
    [InlineData("to_user")]
    [InlineData("to_host")]
    public async Task An_optional_field_that_is_not_a_string_is_a_400_naming_it_and_writes_nothing(string field)
    {
        var callId = Calls.NewCallId();
        var body = Body(callId, SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber());
        body[field] = new JsonArray("x");

        var answer = await DispatchAsync(body);

        var problem = AssertProblem(answer, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("must be a string, not an array.", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
    }

    [Theory]
    [InlineData("call_id")]
    [InlineData("project_id")]
    [InlineData("trunk_id")]
    [InlineData("from_user")]
    [InlineData("from_host")]
    [InlineData("to_user")]
    [InlineData("to_host")]
    public async Task A_field_of_257_characters_is_a_400_naming_it_and_writes_nothing(string field)
    {
        var callId = Calls.NewCallId();
        var body = Body(callId, SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber());
        body[field] = new string('7', 257);

        var answer = await DispatchAsync(body);

        var problem = AssertProblem(answer, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal("must be at most 256 characters.", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
    }

    [Fact]
    public async Task A_call_id_of_256_characters_is_routed_though_its_room_name_does_not_fit_the_call_row()
    {
        var tenant = await TenantAsync();
        var callId = Calls.NewCallId().PadRight(256, 'x');

        var answer = await DispatchOkAsync(Body(callId, SwitchboardApp.NewNumber(), tenant.CampaignNumber));

        Assert.Equal($"call-{callId}", answer.Json.GetProperty("room_name").GetString());
        using var call = await App.CallAsync(callId);
        Assert.Equal(JsonValueKind.Null, call.RootElement.GetProperty("room_name").ValueKind);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_body_that_is_not_json_by_its_content_type_is_a_415_and_writes_nothing(string mediaType)
    {
        var callId = Calls.NewCallId();

        var answer = await DispatchAsync(Body(callId, SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber()), mediaType: mediaType);

        AssertProblem(answer, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_a_413_and_writes_nothing()
    {
        var callId = Calls.NewCallId();
        var body = Body(callId, SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber());
        body["padding"] = new string('p', 64 * 1024);

        var answer = await DispatchAsync(body);

        AssertProblem(answer, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
    }

    private async Task<TestTenant> TenantAsync()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        App.Logs.Clear();
        return tenant;
    }

    /// <summary>A request as LiveKit's branch sends it (livekit.md §5).</summary>
    private static JsonObject Body(string callId, string from, string to) => new()
    {
        ["project_id"] = "p_123",
        ["trunk_id"] = "",
        ["call_id"] = callId,
        ["from_user"] = from,
        ["from_host"] = "203.0.113.10",
        ["to_user"] = to,
        ["to_host"] = "abcd.sip.livekit.cloud",
    };

    private async Task<DispatchAnswer> DispatchOkAsync(JsonObject body, string token = DynamicDispatchApps.Token)
    {
        var answer = await DispatchAsync(body, token);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{(int)answer.Status}: {answer.Text}");
        Assert.Equal("application/json", answer.MediaType);
        return answer;
    }

    private Task<DispatchAnswer> DispatchAsync(JsonObject body, string token = DynamicDispatchApps.Token, string mediaType = "application/json") =>
        DispatchRawAsync(Encoding.UTF8.GetBytes(body.ToJsonString()), token, mediaType);

    private async Task<DispatchAnswer> DispatchRawAsync(byte[] body, string token = DynamicDispatchApps.Token, string mediaType = "application/json")
    {
        using var client = App.CreateClient();
        using var request = Request(token, body, mediaType);
        using var response = await client.SendAsync(request, Ct);
        return await AnswerOf(response);
    }

    private async Task<DispatchAnswer> PostAsync(string path, string json)
    {
        using var client = App.CreateClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content, Ct);
        return await AnswerOf(response);
    }

    private static HttpRequestMessage Request(string token, byte[] body, string mediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, DynamicDispatchApps.PathFor(token)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return request;
    }

    private static async Task<DispatchAnswer> AnswerOf(HttpResponseMessage response) =>
        new(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync(Ct));

    private static JsonElement AssertProblem(DispatchAnswer answer, HttpStatusCode status, string code)
    {
        Assert.True(answer.Status == status, $"expected {(int)status}, got {(int)answer.Status}: {answer.Text}");
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal((int)status, answer.Json.GetProperty("status").GetInt32());
        Assert.Equal(code, answer.Json.GetProperty("code").GetString());
        return answer.Json;
    }
}

[Collection(nameof(OnSqliteWithDynamicDispatch))]
public sealed class DynamicDispatchOnSqlite(SqliteDynamicDispatchApp app) : DynamicDispatchTests<SqliteDynamicDispatchApp>(app)
{
    protected override LiveKitStandIn LiveKit => App.LiveKit;
}

[Collection(nameof(OnPostgresWithDynamicDispatch))]
public sealed class DynamicDispatchOnPostgres(PostgresDynamicDispatchApp app) : DynamicDispatchTests<PostgresDynamicDispatchApp>(app)
{
    protected override LiveKitStandIn LiveKit => App.LiveKit;
}

/// <summary>The endpoint open only to other sources: a valid token from here is refused 403; a wrong one is still 404, as if absent.</summary>
public abstract class DynamicDispatchFencedTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    [Fact]
    public async Task A_valid_token_from_a_source_not_allowed_is_a_403_problem_that_writes_nothing()
    {
        var callId = Calls.NewCallId();

        var (status, mediaType, text) = await DispatchAsync(callId, DynamicDispatchApps.Token);

        Assert.Equal((HttpStatusCode.Forbidden, "application/problem+json"), (status, mediaType));
        using var problem = JsonDocument.Parse(text);
        Assert.Equal("source_not_allowed", problem.RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain(DynamicDispatchApps.Token, text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
        var warning = Assert.Single(App.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Contains("127.0.0.1", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DynamicDispatchApps.Token, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_from_a_source_not_allowed_is_a_404_the_token_is_checked_first()
    {
        var (status, mediaType, _) = await DispatchAsync(Calls.NewCallId(), "dd-wrong-0123456789abcdef0123456789abcdef0");

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (status, mediaType));
    }

    private async Task<(HttpStatusCode Status, string? MediaType, string Text)> DispatchAsync(string callId, string token)
    {
        using var client = App.CreateClient();
        using var content = new StringContent(JsonSerializer.Serialize(new { call_id = callId, from_user = "+14155550123", to_user = "+15550001111" }), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(DynamicDispatchApps.PathFor(token), content, Ct);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(Ct));
    }
}

[Collection(nameof(OnSqliteWithFencedDynamicDispatch))]
public sealed class DynamicDispatchFencedOnSqlite(SqliteFencedDynamicDispatchApp app) : DynamicDispatchFencedTests<SqliteFencedDynamicDispatchApp>(app);

[Collection(nameof(OnPostgresWithFencedDynamicDispatch))]
public sealed class DynamicDispatchFencedOnPostgres(PostgresFencedDynamicDispatchApp app) : DynamicDispatchFencedTests<PostgresFencedDynamicDispatchApp>(app);

/// <summary>The shared apps configure no token: the endpoint does not exist for anyone.</summary>
public abstract class DynamicDispatchOffTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    [Theory]
    [InlineData(DynamicDispatchApps.Token)]
    [InlineData("anything")]
    public async Task Without_tokens_the_endpoint_answers_404_like_an_unknown_path_and_writes_nothing(string token)
    {
        var callId = Calls.NewCallId();
        var json = JsonSerializer.Serialize(new { call_id = callId });

        var unknownPath = await PostAsync("/api/v1/webhooks/livekit/no-such-endpoint", json);
        var answer = await PostAsync(DynamicDispatchApps.PathFor(token), json);

        DispatchAnswer.AssertSameNotFound(unknownPath, answer);
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
        App.AssertNoWarningsLogged();
    }

    private async Task<DispatchAnswer> PostAsync(string path, string json)
    {
        using var client = App.CreateClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content, Ct);
        return new(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync(Ct));
    }
}

[Collection(nameof(OnSqlite))]
public sealed class DynamicDispatchOffOnSqlite(SqliteApp app) : DynamicDispatchOffTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class DynamicDispatchOffOnPostgres(PostgresApp app) : DynamicDispatchOffTests<PostgresApp>(app);

/// <summary>The database down: a decision from the table in memory is still answered (degraded, no lead); without any table, 503.</summary>
[Collection(nameof(OnUnreachableDatabaseWithDynamicDispatch))]
public sealed class DynamicDispatchDegradedTests(UnreachableDynamicDispatchApp app) : AppTests<UnreachableDynamicDispatchApp>(app)
{
    [Fact]
    public async Task Without_any_routing_table_the_endpoint_answers_503_unavailable()
    {
        Assert.Null(App.Services.GetRequiredService<RoutingTables>().Current);

        var (status, mediaType, text) = await DispatchAsync(App, "+15550001111");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json"), (status, mediaType));
        using var problem = JsonDocument.Parse(text);
        Assert.Equal("unavailable", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task With_a_table_in_memory_a_call_is_accepted_from_memory_without_a_lead()
    {
        await using var app = new UnreachableDynamicDispatchApp();   // its own host: publishing a table must not reach the other test
        await app.InitializeAsync();
        var number = SwitchboardApp.NewNumber();
        var parsed = ConfigParser.Parse($"""
            tenants:
              - id: degraded
                name: Degraded Ltd
                default_agent: memory-bot
                numbers:
                  - number: "{number}"
            """);
        Assert.True(parsed.IsValid, string.Join('\n', parsed.Errors));
        app.Services.GetRequiredService<RoutingTables>().Publish(parsed.Config.ToRoutingTable(1));

        var (status, _, text) = await DispatchAsync(app, number);

        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {text}");
        using var answer = JsonDocument.Parse(text);
        Assert.Equal("accept", answer.RootElement.GetProperty("dispatch_action").GetString());
        Assert.Equal("memory-bot", answer.RootElement.GetProperty("room_config").GetProperty("agents")[0].GetProperty("agent_name").GetString());
        using var metadata = JsonDocument.Parse(answer.RootElement.GetProperty("metadata").GetString()!);
        Assert.Equal("degraded", metadata.RootElement.GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, metadata.RootElement.GetProperty("lead").ValueKind);
        Assert.Equal(["switchboard.tenant"], answer.RootElement.GetProperty("attributes").EnumerateObject().Select(p => p.Name));
    }

    private static async Task<(HttpStatusCode Status, string? MediaType, string Text)> DispatchAsync(SwitchboardApp app, string to)
    {
        using var client = app.CreateClient();
        using var content = new StringContent(JsonSerializer.Serialize(new { call_id = Calls.NewCallId(), from_user = "+14155550123", to_user = to }), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(DynamicDispatchApps.PathFor(DynamicDispatchApps.Token), content, Ct);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(Ct));
    }
}

/// <summary>The source allowlist and the token rules, without a host.</summary>
public sealed class DynamicDispatchSettingsTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    [InlineData("203.0.113.0/24", "203.0.113.254", true)]
    [InlineData("203.0.113.0/24", "203.0.114.1", false)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.9", true)]      // an IPv4 peer on a dual-stack socket
    [InlineData("127.0.0.1", "::1", false)]
    [InlineData("::1", "::1", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::5", false)]
    [InlineData(" 10.0.0.0/8 ", "10.20.30.40", true)]
    public void The_allowlist_matches_addresses_and_ranges(string entry, string source, bool allowed)
    {
        var allowlist = SourceAllowlist.TryParse([entry], out var errors);

        Assert.Empty(errors);
        Assert.Equal(allowed, allowlist!.Allows(IPAddress.Parse(source)));
    }

    [Fact]
    public void An_empty_allowlist_allows_any_source_even_an_unknown_one_and_a_listing_one_refuses_an_unknown_one()
    {
        var empty = SourceAllowlist.TryParse([], out _)!;
        var listing = SourceAllowlist.TryParse(["10.0.0.0/8"], out _)!;

        Assert.True(empty.IsEmpty);
        Assert.True(empty.Allows(IPAddress.Parse("198.51.100.1")));
        Assert.True(empty.Allows(null));
        Assert.False(listing.Allows(null));
    }

    [Theory]
    [InlineData("10")]              // IPAddress would read 0.0.0.10
    [InlineData("127.1")]           // and 127.0.0.1
    [InlineData("1.2.3.4/33")]
    [InlineData("10.0.0.0/")]
    [InlineData("sip.example.com")]
    [InlineData("")]
    public void An_entry_that_is_not_an_address_or_a_range_is_refused_by_index(string entry)
    {
        var allowlist = SourceAllowlist.TryParse(["10.0.0.0/8", entry], out var errors);

        Assert.Null(allowlist);
        Assert.StartsWith("entry 1 is not an IP address or a CIDR range", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short-0123456789")]                                    // 16 characters
    [InlineData("dd-current-0123456789abcdef0123456789abcde/")]        // a path separator
    [InlineData("dd-current-0123456789abcdef0123456789abcde%")]
    [InlineData("dd current 0123456789abcdef0123456789abcdef")]
    [InlineData("")]
    public void A_token_too_short_or_unsafe_in_a_path_fails_the_start_without_being_quoted(string token)
    {
        var options = new SwitchboardOptions { DynamicDispatch = { Tokens = [DynamicDispatchApps.Token, token] } };

        var result = new DynamicDispatchOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Switchboard:DynamicDispatch:Tokens:1 must be at least 32 characters", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(DynamicDispatchApps.Token, failure, StringComparison.Ordinal);
        if (token.Length > 0)
        {
            Assert.DoesNotContain(token, failure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Valid_tokens_and_sources_pass()
    {
        var options = new SwitchboardOptions
        {
            DynamicDispatch = { Tokens = [DynamicDispatchApps.Token, DynamicDispatchApps.RotatedToken, new string('a', 32)], AllowedSources = ["127.0.0.1", "10.0.0.0/8", "::1"] },
        };

        Assert.True(new DynamicDispatchOptionsValidation().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_bad_allowlist_entry_fails_the_start()
    {
        var options = new SwitchboardOptions { DynamicDispatch = { Tokens = [DynamicDispatchApps.Token], AllowedSources = ["localhost"] } };

        var result = new DynamicDispatchOptionsValidation().Validate(null, options);

        Assert.StartsWith("Switchboard:DynamicDispatch:AllowedSources: entry 0", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Access_compares_against_every_token_and_checks_the_source_after_the_token()
    {
        var options = Options.Create(new SwitchboardOptions
        {
            DynamicDispatch = { Tokens = [DynamicDispatchApps.Token, DynamicDispatchApps.RotatedToken], AllowedSources = ["10.0.0.0/8"] },
        });
        var access = new DynamicDispatchAccess(options, new FakeLogger<DynamicDispatchAccess>());
        var inside = IPAddress.Parse("10.1.2.3");
        var outside = IPAddress.Parse("192.0.2.1");

        Assert.Equal(DynamicDispatchAccessResult.Allowed, access.Check(DynamicDispatchApps.Token, inside));
        Assert.Equal(DynamicDispatchAccessResult.Allowed, access.Check(DynamicDispatchApps.RotatedToken, inside));
        Assert.Equal(DynamicDispatchAccessResult.UnknownToken, access.Check(DynamicDispatchApps.Token[..^1], inside));
        Assert.Equal(DynamicDispatchAccessResult.UnknownToken, access.Check(null, inside));
        Assert.Equal(DynamicDispatchAccessResult.SourceRefused, access.Check(DynamicDispatchApps.Token, outside));
        Assert.Equal(DynamicDispatchAccessResult.UnknownToken, access.Check("dd-wrong", outside));
        Assert.Equal(DynamicDispatchAccessResult.Disabled,
            new DynamicDispatchAccess(Options.Create(new SwitchboardOptions()), new FakeLogger<DynamicDispatchAccess>()).Check(DynamicDispatchApps.Token, inside));
    }
}

/// <summary>An answer as a client sees it: status, media type and the exact bytes.</summary>
internal sealed record DispatchAnswer(HttpStatusCode Status, string? MediaType, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Bytes);

    /// <summary>Two 404s a client cannot tell apart: same status, type and problem fields, apart from the request's own trace id.</summary>
    public static void AssertSameNotFound(DispatchAnswer expected, DispatchAnswer actual)
    {
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (expected.Status, actual.Status));
        Assert.Equal(expected.MediaType, actual.MediaType);
        static string WithoutTraceId(DispatchAnswer answer)
        {
            var json = JsonNode.Parse(answer.Bytes)!.AsObject();
            json.Remove("trace_id");
            return json.ToJsonString();
        }

        Assert.Equal(WithoutTraceId(expected), WithoutTraceId(actual));
    }

    /// <summary>Everything a log sink could write for a record: message, state values, exception, and every scope with its values.</summary>
    public static List<string> Texts(FakeLogRecord record)
    {
        var texts = new List<string> { record.Message, record.Exception?.ToString() ?? "" };
        texts.AddRange(record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? []);
        foreach (var scope in record.Scopes)
        {
            texts.Add(scope?.ToString() ?? "");
            if (scope is IEnumerable<KeyValuePair<string, object?>> values)
            {
                texts.AddRange(values.Select(p => $"{p.Key}={p.Value}"));
            }
        }

        return texts;
    }
}
