using System.Net;
using System.Text.Json;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>The routing webhook end to end: signed request in, decision, lead and call row stored, answer out.</summary>
public abstract class RoutingWebhookTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    [Fact]
    public async Task Campaign_agent_answers_a_known_number_with_tenant_campaign_and_lead()
    {
        var t = await TenantAsync(campaignAgent: "sales-bot");
        var caller = SwitchboardApp.NewNumber();

        using var answer = await RouteAsync(caller, t.CampaignNumber, callId: "SCL_" + Guid.NewGuid().ToString("N"));

        var root = answer.RootElement;
        Assert.Equal("accept", root.GetProperty("action").GetString());
        Assert.Equal("sales-bot", root.GetProperty("agent_name").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("reject_reason").ValueKind);
        Assert.Equal("campaign_agent", root.GetProperty("reason").GetString());
        Assert.False(root.GetProperty("degraded").GetBoolean());
        var metadata = root.GetProperty("metadata");
        Assert.Equal(t.Id, metadata.GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal("Tenant " + t.Id, metadata.GetProperty("tenant").GetProperty("name").GetString());
        Assert.Equal("promo", metadata.GetProperty("campaign").GetProperty("id").GetString());
        Assert.Equal("spring", metadata.GetProperty("campaign").GetProperty("metadata").GetProperty("script").GetString());
        var lead = metadata.GetProperty("lead");
        Assert.False(lead.GetProperty("returning").GetBoolean());
        Assert.Equal(1, lead.GetProperty("call_count").GetInt32());
        var attributes = root.GetProperty("attributes");
        Assert.Equal(t.Id, attributes.GetProperty("switchboard.tenant").GetString());
        Assert.Equal("promo", attributes.GetProperty("switchboard.campaign").GetString());
        Assert.Equal(lead.GetProperty("id").GetString(), attributes.GetProperty("switchboard.lead").GetString());
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Number_override_beats_the_campaign_agent()
    {
        var t = await TenantAsync(campaignAgent: "sales-bot", numberAgent: "vip-bot");

        using var answer = await RouteAsync(SwitchboardApp.NewNumber(), t.OverrideNumber);

        Assert.Equal("vip-bot", answer.RootElement.GetProperty("agent_name").GetString());
        Assert.Equal("number_agent", answer.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_inactive_campaign_falls_through_to_the_tenant_default()
    {
        var t = await TenantAsync(campaignAgent: "sales-bot", campaignActive: false);

        using var answer = await RouteAsync(SwitchboardApp.NewNumber(), t.CampaignNumber);

        Assert.Equal("tenant-bot", answer.RootElement.GetProperty("agent_name").GetString());
        Assert.Equal("tenant_default_agent", answer.RootElement.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, answer.RootElement.GetProperty("metadata").GetProperty("campaign").ValueKind);
    }

    [Fact]
    public async Task A_returning_caller_updates_the_same_lead()
    {
        var t = await TenantAsync(campaignAgent: "sales-bot");
        var caller = SwitchboardApp.NewNumber();

        using var first = await RouteAsync(caller, t.CampaignNumber);
        using var second = await RouteAsync(caller.Replace("+1", "", StringComparison.Ordinal), t.CampaignNumber);   // same caller, national format

        var firstLead = first.RootElement.GetProperty("metadata").GetProperty("lead");
        var secondLead = second.RootElement.GetProperty("metadata").GetProperty("lead");
        Assert.Equal(firstLead.GetProperty("id").GetString(), secondLead.GetProperty("id").GetString());
        Assert.True(secondLead.GetProperty("returning").GetBoolean());
        Assert.Equal(2, secondLead.GetProperty("call_count").GetInt32());
        var leads = await LeadsAsync(t.Id, caller);
        var stored = Assert.Single(leads.RootElement.EnumerateArray());
        Assert.Equal(2, stored.GetProperty("call_count").GetInt32());
        Assert.Equal("inbound_call", stored.GetProperty("source").GetString());
        Assert.Equal("promo", stored.GetProperty("first_campaign_id").GetString());
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("restricted")]
    [InlineData("sip:alice@example.com")]
    [InlineData("Unavailable")]
    public async Task A_caller_id_that_is_not_a_number_is_routed_as_anonymous_without_a_lead(string callerId)
    {
        var t = await TenantAsync(campaignAgent: "sales-bot");
        var callId = "SCL_" + Guid.NewGuid().ToString("N");

        using var answer = await RouteAsync(callerId, t.CampaignNumber, callId);

        Assert.Equal("accept", answer.RootElement.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, answer.RootElement.GetProperty("metadata").GetProperty("lead").ValueKind);
        using var call = await CallAsync(callId);
        Assert.Equal(callerId, call.RootElement.GetProperty("from_raw").GetString());
        Assert.Equal(JsonValueKind.Null, call.RootElement.GetProperty("from_number").ValueKind);
        Assert.Equal(JsonValueKind.Null, call.RootElement.GetProperty("lead_id").ValueKind);
    }

    [Theory]
    [InlineData("sip:{0}@sip.twilio.com;user=phone")]
    [InlineData("tel:{0}")]
    [InlineData("{1}")]
    public async Task Dialed_numbers_arrive_in_any_common_format(string format)
    {
        var t = await TenantAsync(campaignAgent: "sales-bot");
        var dialed = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, t.CampaignNumber, t.CampaignNumber.TrimStart('+'));

        using var answer = await RouteAsync(SwitchboardApp.NewNumber(), dialed);

        Assert.Equal("sales-bot", answer.RootElement.GetProperty("agent_name").GetString());
    }

    [Fact]
    public async Task An_unknown_number_gets_the_global_default_and_is_logged_without_tenant_or_lead()
    {
        await App.ApplyAsync("default_agent: fallback-bot\n");
        var callId = "SCL_" + Guid.NewGuid().ToString("N");

        using var answer = await RouteAsync(SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber(), callId);

        Assert.Equal("fallback-bot", answer.RootElement.GetProperty("agent_name").GetString());
        Assert.Equal("unknown_number_default_agent", answer.RootElement.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, answer.RootElement.GetProperty("metadata").GetProperty("tenant").ValueKind);
        Assert.Equal(JsonValueKind.Null, answer.RootElement.GetProperty("metadata").GetProperty("lead").ValueKind);
        using var call = await CallAsync(callId);
        Assert.Equal("accept", call.RootElement.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, call.RootElement.GetProperty("tenant_id").ValueKind);
    }

    [Fact]
    public async Task An_unknown_number_without_a_global_default_is_rejected_and_logged()
    {
        await App.ApplyAsync("default_agent: null\n");
        var callId = "SCL_" + Guid.NewGuid().ToString("N");

        using var answer = await RouteAsync(SwitchboardApp.NewNumber(), "not-a-number", callId);

        Assert.Equal("reject", answer.RootElement.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, answer.RootElement.GetProperty("agent_name").ValueKind);
        Assert.Equal("number_not_configured", answer.RootElement.GetProperty("reject_reason").GetString());
        using var call = await CallAsync(callId);
        Assert.Equal("number_not_configured", call.RootElement.GetProperty("reason").GetString());
        Assert.Equal("rejected", call.RootElement.GetProperty("events")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_caller_on_the_tenant_blocklist_is_rejected_without_a_lead()
    {
        var blocked = SwitchboardApp.NewNumber();
        var t = await TenantAsync(campaignAgent: "sales-bot", blockedCaller: blocked);

        using var answer = await RouteAsync(blocked, t.CampaignNumber);

        Assert.Equal("caller_blocked", answer.RootElement.GetProperty("reject_reason").GetString());
        using var leads = await LeadsAsync(t.Id, blocked);
        Assert.Empty(leads.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task A_tenant_without_any_agent_rejects_with_no_agent_configured()
    {
        var t = await TenantAsync(campaignAgent: null, tenantAgent: null);

        using var answer = await RouteAsync(SwitchboardApp.NewNumber(), t.CampaignNumber);

        Assert.Equal("no_agent_configured", answer.RootElement.GetProperty("reject_reason").GetString());
    }

    [Fact]
    public async Task The_call_row_records_decision_numbers_trace_version_and_event()
    {
        var t = await TenantAsync(campaignAgent: "sales-bot");
        var callId = "SCL_" + Guid.NewGuid().ToString("N");
        var caller = SwitchboardApp.NewNumber();
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["call_id"] = callId,
            ["from_number"] = caller,
            ["to_number"] = t.CampaignNumber,
            ["trunk_id"] = "ST_abc",
            ["room_name"] = "call-room",
            ["attributes"] = new Dictionary<string, string> { ["sip.twilio.callSid"] = "CA123" },
        });

        using var client = App.CreateClient();
        using var request = App.SignedRoute(json);
        using var response = await client.SendAsync(request, Ct);
        using var call = await CallAsync(callId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = call.RootElement;
        Assert.Equal("accept", row.GetProperty("action").GetString());
        Assert.Equal("campaign_agent", row.GetProperty("reason").GetString());
        Assert.Equal("sales-bot", row.GetProperty("agent_name").GetString());
        Assert.Equal(t.Id, row.GetProperty("tenant_id").GetString());
        Assert.Equal("promo", row.GetProperty("campaign_id").GetString());
        Assert.Equal(caller, row.GetProperty("from_number").GetString());
        Assert.Equal(t.CampaignNumber, row.GetProperty("to_number").GetString());
        Assert.Equal("ST_abc", row.GetProperty("trunk_id").GetString());
        Assert.Equal("call-room", row.GetProperty("room_name").GetString());
        Assert.Equal("CA123", row.GetProperty("attributes").GetProperty("sip.twilio.callSid").GetString());
        Assert.Equal(t.Version, row.GetProperty("config_version").GetInt64());
        Assert.Equal(App.Clock.GetUtcNow(), row.GetProperty("received_at").GetDateTimeOffset());
        Assert.Contains(row.GetProperty("trace").EnumerateArray(), s => s.GetProperty("step").GetString() == "campaign" && s.GetProperty("outcome").GetString() == "active");
        Assert.Equal("routed", Assert.Single(row.GetProperty("events").EnumerateArray()).GetProperty("type").GetString());
    }

    protected async Task<Tenant> TenantAsync(string? campaignAgent, string? tenantAgent = "tenant-bot", string? numberAgent = null, bool campaignActive = true,
        string? blockedCaller = null)
    {
        var id = SwitchboardApp.NewSlug("t");
        var tenant = new Tenant(id, SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber(), 0);
        var yaml = $"""
            tenants:
              - id: {id}
                name: Tenant {id}
                default_agent: {tenantAgent ?? "null"}
                timezone: America/New_York
                blocked_callers: [{(blockedCaller is null ? "" : $"\"{blockedCaller}\"")}]
                campaigns:
                  - id: promo
                    name: Promo
                    agent: {campaignAgent ?? "null"}
                    active: {(campaignActive ? "true" : "false")}
                    metadata: {"{"} script: spring {"}"}
                numbers:
                  - number: "{tenant.CampaignNumber}"
                    campaign: promo
                  - number: "{tenant.OverrideNumber}"
                    campaign: promo
                    agent: {numberAgent ?? "null"}
            """;
        return tenant with { Version = await App.ApplyAsync(yaml) };
    }

    protected async Task<JsonDocument> RouteAsync(string from, string to, string? callId = null)
    {
        var json = JsonSerializer.Serialize(new { call_id = callId ?? "SCL_" + Guid.NewGuid().ToString("N"), from_number = from, to_number = to });
        using var client = App.CreateClient();
        using var request = App.SignedRoute(json);
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text);
    }

    protected async Task<JsonDocument> CallAsync(string callId)
    {
        using var client = App.CreateAdminClient();
        using var response = await client.GetAsync($"/api/v1/calls/{callId}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    protected async Task<JsonDocument> LeadsAsync(string tenant, string phone)
    {
        using var client = App.CreateAdminClient();
        return JsonDocument.Parse(await client.GetStringAsync($"/api/v1/leads?tenant={tenant}&phone={Uri.EscapeDataString(phone)}", Ct));
    }

    protected sealed record Tenant(string Id, string CampaignNumber, string OverrideNumber, long Version);
}

[Collection(nameof(OnSqlite))]
public sealed class RoutingWebhookOnSqlite(SqliteApp app) : RoutingWebhookTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class RoutingWebhookOnPostgres(PostgresApp app) : RoutingWebhookTests<PostgresApp>(app);
