using System.Globalization;
using System.Net;
using System.Text.Json;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Admin;

/// <summary>GET /api/v1/leads and GET /api/v1/calls/{callId}: tenant-scoped leads, phone lookups in any format, precise refusals.</summary>
public abstract class LeadsAndCallsTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    [Fact]
    public async Task A_tenants_leads_are_listed_without_another_tenants_callers()
    {
        var (mine, theirs) = (TestTenant.New(), TestTenant.New());
        await App.ApplyAsync(TestTenant.Document("", mine.Entry(), theirs.Entry()));
        var (myCaller, theirCaller) = (SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber());
        await App.RouteAsync(myCaller, mine.CampaignNumber);
        await App.RouteAsync(theirCaller, theirs.CampaignNumber);

        using var leads = await App.LeadsAsync(mine.Id);

        var lead = Assert.Single(leads.RootElement.EnumerateArray());
        Assert.Equal(myCaller, lead.GetProperty("phone").GetString());
        Assert.Equal(mine.Id, lead.GetProperty("tenant_id").GetString());
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_caller_of_another_tenant_is_not_found_by_phone()
    {
        var (mine, theirs) = (TestTenant.New(), TestTenant.New());
        await App.ApplyAsync(TestTenant.Document("", mine.Entry(), theirs.Entry()));
        var theirCaller = SwitchboardApp.NewNumber();
        await App.RouteAsync(theirCaller, theirs.CampaignNumber);

        using var leads = await App.LeadsAsync(mine.Id, theirCaller);

        Assert.Empty(leads.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task A_caller_of_two_tenants_has_one_lead_in_each_counted_separately()
    {
        var (mine, theirs) = (TestTenant.New(), TestTenant.New());
        await App.ApplyAsync(TestTenant.Document("", mine.Entry(), theirs.Entry()));
        var caller = SwitchboardApp.NewNumber();
        await App.RouteAsync(caller, mine.CampaignNumber);
        await App.RouteAsync(caller, theirs.CampaignNumber);
        await App.RouteAsync(caller, theirs.PlainNumber);

        using var myLeads = await App.LeadsAsync(mine.Id, caller);
        using var theirLeads = await App.LeadsAsync(theirs.Id, caller);

        var myLead = Assert.Single(myLeads.RootElement.EnumerateArray());
        var theirLead = Assert.Single(theirLeads.RootElement.EnumerateArray());
        Assert.Equal(1, myLead.GetProperty("call_count").GetInt32());
        Assert.Equal(2, theirLead.GetProperty("call_count").GetInt32());
        Assert.NotEqual(myLead.GetProperty("id").GetString(), theirLead.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("{1}")]
    [InlineData("({2}) {3}-{4}")]
    [InlineData("sip:{0}@sip.example.com;user=phone")]
    [InlineData("tel:{0}")]
    public async Task A_lead_is_found_by_phone_in_any_common_format(string format)
    {
        var t = TestTenant.New();
        await App.ApplyAsync(t.Yaml());
        var caller = SwitchboardApp.NewNumber();
        await App.RouteAsync(caller, t.CampaignNumber);
        var national = caller["+1".Length..];
        var phone = string.Format(CultureInfo.InvariantCulture, format, caller, national, national[..3], national[3..6], national[6..]);

        using var leads = await App.LeadsAsync(t.Id, phone);

        Assert.Equal(caller, Assert.Single(leads.RootElement.EnumerateArray()).GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_lead_shows_its_source_campaigns_count_and_times()
    {
        var t = TestTenant.New();
        await App.ApplyAsync(t.Yaml());
        var caller = SwitchboardApp.NewNumber();
        await App.RouteAsync(caller, t.CampaignNumber);
        await App.RouteAsync(caller, t.PlainNumber);

        using var leads = await App.LeadsAsync(t.Id, caller);

        var lead = Assert.Single(leads.RootElement.EnumerateArray());
        Assert.Equal("inbound_call", lead.GetProperty("source").GetString());
        Assert.Equal("promo", lead.GetProperty("first_campaign_id").GetString());
        Assert.Equal("promo", lead.GetProperty("last_campaign_id").GetString());
        Assert.Equal(2, lead.GetProperty("call_count").GetInt32());
        Assert.Equal(App.Clock.GetUtcNow(), lead.GetProperty("first_call_at").GetDateTimeOffset());
        Assert.Equal(App.Clock.GetUtcNow(), lead.GetProperty("last_call_at").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("/api/v1/leads")]
    [InlineData("/api/v1/leads?tenant=")]
    [InlineData("/api/v1/leads?tenant=%20")]
    [InlineData("/api/v1/leads?phone=%2B18335550100")]
    public async Task Listing_leads_without_a_tenant_is_refused_400(string path)
    {
        using var client = App.CreateAdminClient();

        using var response = await client.GetAsync(path, Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed_request");
    }

    [Theory]
    [InlineData("12")]
    [InlineData("alice")]
    [InlineData("sip:alice@example.com")]
    [InlineData("+1833555010099999")]
    public async Task Looking_up_a_lead_by_a_phone_that_is_not_a_number_is_refused_400(string phone)
    {
        var t = TestTenant.New();
        await App.ApplyAsync(t.Yaml());
        using var client = App.CreateAdminClient();

        using var response = await client.GetAsync($"/api/v1/leads?tenant={t.Id}&phone={Uri.EscapeDataString(phone)}", Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed_request");
    }

    [Fact]
    public async Task An_unknown_tenant_has_no_leads()
    {
        using var leads = await App.LeadsAsync(SwitchboardApp.NewSlug("nobody"));

        Assert.Empty(leads.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_call_is_404_problem_json()
    {
        using var client = App.CreateAdminClient();

        using var response = await client.GetAsync($"/api/v1/calls/{Calls.NewCallId()}", Ct);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, expectedCode: null);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("/api/v1/leads?tenant=acme")]
    [InlineData("/api/v1/calls/SCL_x")]
    public async Task Leads_and_calls_need_the_admin_key(string path)
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expectedStatus, string? expectedCode)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expectedStatus, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal((int)expectedStatus, problem.RootElement.GetProperty("status").GetInt32());
        if (expectedCode is not null)
        {
            Assert.Equal(expectedCode, problem.RootElement.GetProperty("code").GetString());
        }
    }
}

[Collection(nameof(OnSqlite))]
public sealed class LeadsAndCallsOnSqlite(SqliteApp app) : LeadsAndCallsTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class LeadsAndCallsOnPostgres(PostgresApp app) : LeadsAndCallsTests<PostgresApp>(app);
