using System.Net;
using System.Text;
using System.Text.Json;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>
/// POST /api/v1/routing/explain: the webhook's decision for the same body, with the ordered trace of why, for admins only and writing nothing.
/// </summary>
public abstract class ExplainTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    private const string ExplainPath = "/api/v1/routing/explain";

    [Fact]
    public async Task A_campaign_call_is_explained_with_decision_numbers_tenant_campaign_and_lead()
    {
        var t = TestTenant.New();
        var version = await App.ApplyAsync(t.Yaml());
        var caller = SwitchboardApp.NewNumber();
        var nationalCaller = caller["+1".Length..];
        var sipDialed = $"sip:{t.CampaignNumber}@sip.example.com;user=phone";

        var (status, root) = await ExplainAsync(Calls.Body(Calls.NewCallId(), nationalCaller, sipDialed));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("accept", root.GetProperty("action").GetString());
        Assert.Equal("sales-bot", root.GetProperty("agent_name").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("reject_reason").ValueKind);
        Assert.Equal("campaign_agent", root.GetProperty("reason").GetString());
        Assert.Equal(version, root.GetProperty("config_version").GetInt64());
        var callerPart = root.GetProperty("caller");
        Assert.Equal(nationalCaller, callerPart.GetProperty("raw").GetString());
        Assert.Equal(caller, callerPart.GetProperty("number").GetString());
        Assert.False(callerPart.GetProperty("anonymous").GetBoolean());
        var dialed = root.GetProperty("dialed");
        Assert.Equal(sipDialed, dialed.GetProperty("raw").GetString());
        Assert.Equal(t.CampaignNumber, dialed.GetProperty("number").GetString());
        Assert.True(dialed.GetProperty("configured").GetBoolean());
        Assert.Equal(t.Id, root.GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("Tenant " + t.Id, root.GetProperty("tenant").GetProperty("name").GetString());
        Assert.Equal("promo", root.GetProperty("campaign").GetProperty("id").GetString());
        Assert.Equal("Promo", root.GetProperty("campaign").GetProperty("name").GetString());
        Assert.True(root.GetProperty("keeps_lead").GetBoolean());
        Assert.All(root.GetProperty("trace").EnumerateArray(), s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("detail").GetString())));
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_campaign_call_is_traced_through_every_step_to_the_campaign_agent()
    {
        var t = TestTenant.New();
        await App.ApplyAsync(t.Yaml());

        var (_, root) = await ExplainAsync(Calls.Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), t.CampaignNumber));

        Assert.Equal(
            [("global_blocklist", "pass"), ("number_lookup", "found"), ("tenant_blocklist", "pass"), ("campaign", "active"), ("agent", "campaign")],
            Steps(root));
    }

    [Fact]
    public async Task An_inactive_campaign_is_traced_falling_through_to_the_tenant_default()
    {
        var t = TestTenant.New();
        await App.ApplyAsync(t.Yaml(campaignActive: false));

        var (_, root) = await ExplainAsync(Calls.Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), t.CampaignNumber));

        Assert.Equal("tenant-bot", root.GetProperty("agent_name").GetString());
        Assert.Equal("tenant_default_agent", root.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("campaign").ValueKind);
        Assert.Equal(
            [("global_blocklist", "pass"), ("number_lookup", "found"), ("tenant_blocklist", "pass"), ("campaign", "inactive"), ("agent", "tenant_default")],
            Steps(root));
    }

    [Fact]
    public async Task An_unknown_number_is_traced_to_the_global_default()
    {
        await App.ApplyAsync("default_agent: fallback-bot\n");

        var (_, root) = await ExplainAsync(Calls.Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber()));

        Assert.Equal("fallback-bot", root.GetProperty("agent_name").GetString());
        Assert.Equal("unknown_number_default_agent", root.GetProperty("reason").GetString());
        Assert.False(root.GetProperty("dialed").GetProperty("configured").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("tenant").ValueKind);
        Assert.False(root.GetProperty("keeps_lead").GetBoolean());
        Assert.Equal([("global_blocklist", "pass"), ("number_lookup", "not_found"), ("agent", "global_default")], Steps(root));
    }

    [Fact]
    public async Task An_unknown_number_without_a_global_default_is_traced_to_a_rejection()
    {
        await App.ApplyAsync("default_agent: null\n");

        var (_, root) = await ExplainAsync(Calls.Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber()));

        Assert.Equal("reject", root.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("agent_name").ValueKind);
        Assert.Equal("number_not_configured", root.GetProperty("reject_reason").GetString());
        Assert.Equal([("global_blocklist", "pass"), ("number_lookup", "not_found"), ("agent", "none")], Steps(root));
    }

    [Fact]
    public async Task A_globally_blocked_caller_is_traced_stopping_at_the_global_blocklist()
    {
        var t = TestTenant.New();
        var blocked = SwitchboardApp.NewNumber();
        await App.ApplyAsync(TestTenant.Document($"blocked_callers: [\"{blocked}\"]", t.Entry()));

        var (_, root) = await ExplainAsync(Calls.Body(Calls.NewCallId(), blocked, t.CampaignNumber));

        Assert.Equal("reject", root.GetProperty("action").GetString());
        Assert.Equal("caller_blocked", root.GetProperty("reject_reason").GetString());
        Assert.False(root.GetProperty("keeps_lead").GetBoolean());
        Assert.True(root.GetProperty("dialed").GetProperty("configured").GetBoolean());   // looked up even though the decision stopped before it
        Assert.Equal([("global_blocklist", "match")], Steps(root));
    }

    [Fact]
    public async Task Explaining_a_call_records_no_call()
    {
        var t = TestTenant.New();
        await App.ApplyAsync(t.Yaml());
        var callId = Calls.NewCallId();

        await ExplainAsync(Calls.Body(callId, SwitchboardApp.NewNumber(), t.CampaignNumber));

        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(callId));
    }

    [Fact]
    public async Task Explaining_a_call_creates_no_lead()
    {
        var t = TestTenant.New();
        await App.ApplyAsync(t.Yaml());
        var caller = SwitchboardApp.NewNumber();

        await ExplainAsync(Calls.Body(Calls.NewCallId(), caller, t.CampaignNumber));

        using var leads = await App.LeadsAsync(t.Id);
        Assert.Empty(leads.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Explain_without_the_admin_key_is_refused_401()
    {
        using var client = App.CreateClient();
        using var content = new StringContent(Calls.Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber()), Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(ExplainPath, content, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_body_missing_fields_is_refused_400_naming_each_field()
    {
        var (status, root) = await ExplainAsync("""{"call_id":"SCL_x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = root.GetProperty("errors");
        Assert.Equal(["from_number", "to_number"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"call_id":"SCL_x"}""")]
    [InlineData("""{"call_id":"SCL_x","from_number":7,"to_number":"+18335550100"}""")]
    [InlineData("""{"call_id":"SCL_x","from_number":"+18335550101","to_number":"+18335550100","attributes":[]}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"call_id":""")]
    [InlineData("""{"call_id":"SCL_\ud800","from_number":"+18335550101","to_number":"+18335550100"}""")]
    public async Task A_bad_body_gets_the_same_400_problem_as_the_webhook(string body)
    {
        using var client = App.CreateClient();
        var webhook = await App.SendRouteAsync(client, body);

        var (status, explained) = await ExplainAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, webhook.Status);
        Assert.Equal(webhook.Status, status);
        var expected = webhook.Json;
        Assert.Equal(expected.GetProperty("title").GetString(), explained.GetProperty("title").GetString());
        Assert.Equal(Errors(expected), Errors(explained));
    }

    [Theory]
    [InlineData("""{"call_id":"SCL_x"}""")]
    [InlineData("""{"call_id":"SCL_x","from_number":7,"to_number":"+18335550100"}""")]
    public async Task A_body_with_invalid_fields_gets_the_same_problem_code_as_the_webhook(string body)
    {
        using var client = App.CreateClient();
        var webhook = await App.SendRouteAsync(client, body);

        var (_, explained) = await ExplainAsync(body);

        Assert.Equal("invalid_request", webhook.Json.GetProperty("code").GetString());
        Assert.True(explained.TryGetProperty("code", out var code), "explain's problem has no code");
        Assert.Equal("invalid_request", code.GetString());
    }

    [Fact]
    public async Task In_events_mode_the_catch_all_takes_the_call_and_Switchboard_dispatches_on_join()
    {
        var t = TestTenant.New();
        await App.ApplyAsync(t.Yaml());
        var caller = SwitchboardApp.NewNumber();

        var (_, root) = await ExplainAsync(Calls.Body(Calls.NewCallId(), caller, t.CampaignNumber));

        var liveKit = root.GetProperty("livekit");
        Assert.Equal(("events", "ACCEPT", "switchboard: catch-all"),
            (liveKit.GetProperty("mode").GetString(), liveKit.GetProperty("result").GetString(), liveKit.GetProperty("rule").GetString()));
        Assert.Equal($"call_{caller}_<random>", liveKit.GetProperty("room").GetString());
        Assert.Empty(liveKit.GetProperty("agents").EnumerateArray());
        Assert.Equal($"LiveKit puts the caller in room call_{caller}_<random> without an agent; Switchboard dispatches 'sales-bot' when the caller joins.",
            liveKit.GetProperty("then").GetString());
    }

    [Fact]
    public async Task A_number_not_on_Switchboards_trunk_is_one_LiveKit_refuses()
    {
        await App.ApplyAsync(TestTenant.New().Yaml());

        var (_, root) = await ExplainAsync(Calls.Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber()));

        var liveKit = root.GetProperty("livekit");
        Assert.Equal("DROP", liveKit.GetProperty("result").GetString());
        Assert.Equal(JsonValueKind.Null, liveKit.GetProperty("rule").ValueKind);
        Assert.StartsWith("No trunk of Switchboard's lists the dialed number", liveKit.GetProperty("then").GetString(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ExplainAsync(string json)
    {
        using var client = App.CreateAdminClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(ExplainPath, content, Ct);
        return (response.StatusCode, JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(Ct)));
    }

    private static List<(string? Step, string? Outcome)> Steps(JsonElement explanation) =>
        [.. explanation.GetProperty("trace").EnumerateArray().Select(s => (s.GetProperty("step").GetString(), s.GetProperty("outcome").GetString()))];

    private static string Errors(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.GetRawText() : "(no errors)";
}

[Collection(nameof(OnSqlite))]
public sealed class ExplainOnSqlite(SqliteApp app) : ExplainTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class ExplainOnPostgres(PostgresApp app) : ExplainTests<PostgresApp>(app);
