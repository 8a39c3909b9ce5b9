using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchboard.Web.Routing;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>
/// LiveKit retries the routing webhook: a repeated call id must get the first answer back, byte for byte, and count once,
/// whether the repeat comes later or at the same moment; concurrent first calls from one caller must share one lead.
/// </summary>
public abstract class IdempotencyTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    [Fact]
    public async Task A_repeated_call_id_gets_the_byte_identical_answer()
    {
        var t = await TenantAsync();
        var body = Calls.Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), t.CampaignNumber);
        using var client = App.CreateClient();
        var first = await App.SendRouteAsync(client, body);

        var repeat = await App.SendRouteAsync(client, body);

        Assert.Equal(HttpStatusCode.OK, repeat.Status);
        Assert.Equal(first.Bytes, repeat.Bytes);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_repeated_call_id_keeps_one_call_row_with_one_routed_event()
    {
        var t = await TenantAsync();
        var callId = Calls.NewCallId();
        var body = Calls.Body(callId, SwitchboardApp.NewNumber(), t.CampaignNumber);
        using var client = App.CreateClient();
        await App.SendRouteAsync(client, body);

        await App.SendRouteAsync(client, body);

        using var call = await App.CallAsync(callId);
        var routed = Assert.Single(call.RootElement.GetProperty("events").EnumerateArray());
        Assert.Equal("routed", routed.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_repeated_call_id_does_not_count_the_lead_again()
    {
        var t = await TenantAsync();
        var caller = SwitchboardApp.NewNumber();
        var body = Calls.Body(Calls.NewCallId(), caller, t.CampaignNumber);
        using var client = App.CreateClient();
        await App.SendRouteAsync(client, body);

        var repeat = await App.SendRouteAsync(client, body);

        Assert.Equal(1, repeat.Lead.GetProperty("call_count").GetInt32());
        using var leads = await App.LeadsAsync(t.Id, caller);
        Assert.Equal(1, Assert.Single(leads.RootElement.EnumerateArray()).GetProperty("call_count").GetInt32());
    }

    [Fact]
    public async Task Two_identical_requests_at_once_get_the_same_answer()
    {
        var t = await TenantAsync();
        var body = Calls.Body(Calls.NewCallId(), SwitchboardApp.NewNumber(), t.CampaignNumber);
        using var client = App.CreateClient();

        var answers = await Task.WhenAll(App.SendRouteAsync(client, body), App.SendRouteAsync(client, body));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(answers[0].Bytes, answers[1].Bytes);
        Assert.False(answers[0].Json.GetProperty("degraded").GetBoolean());
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Two_identical_requests_at_once_keep_one_call_row_and_count_the_lead_once()
    {
        var t = await TenantAsync();
        var caller = SwitchboardApp.NewNumber();
        var callId = Calls.NewCallId();
        var body = Calls.Body(callId, caller, t.CampaignNumber);
        using var client = App.CreateClient();

        await Task.WhenAll(App.SendRouteAsync(client, body), App.SendRouteAsync(client, body));

        using var call = await App.CallAsync(callId);
        Assert.Equal("routed", Assert.Single(call.RootElement.GetProperty("events").EnumerateArray()).GetProperty("type").GetString());
        using var leads = await App.LeadsAsync(t.Id, caller);
        Assert.Equal(1, Assert.Single(leads.RootElement.EnumerateArray()).GetProperty("call_count").GetInt32());
    }

    [Fact]
    public async Task A_repeat_with_other_numbers_is_answered_200_with_the_stored_answer()
    {
        var t = await TenantAsync();
        var callId = Calls.NewCallId();
        using var client = App.CreateClient();
        var first = await App.SendRouteAsync(client, Calls.Body(callId, SwitchboardApp.NewNumber(), t.CampaignNumber));

        var conflicting = await App.SendRouteAsync(client, Calls.Body(callId, SwitchboardApp.NewNumber(), t.PlainNumber));

        Assert.Equal(HttpStatusCode.OK, conflicting.Status);
        Assert.Equal(first.Bytes, conflicting.Bytes);
        Assert.Equal("sales-bot", conflicting.Json.GetProperty("agent_name").GetString());
        Assert.Equal(first.Lead.GetProperty("id").GetString(), conflicting.Lead.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_repeat_with_other_numbers_adds_a_duplicate_conflict_event_to_the_call()
    {
        var t = await TenantAsync();
        var callId = Calls.NewCallId();
        using var client = App.CreateClient();
        await App.SendRouteAsync(client, Calls.Body(callId, SwitchboardApp.NewNumber(), t.CampaignNumber));

        await App.SendRouteAsync(client, Calls.Body(callId, SwitchboardApp.NewNumber(), t.CampaignNumber));

        using var call = await App.CallAsync(callId);
        var events = call.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["routed", "duplicate_conflict"], events);
    }

    [Fact]
    public async Task A_repeat_with_other_numbers_logs_a_warning_naming_the_call()
    {
        var t = await TenantAsync();
        var callId = Calls.NewCallId();
        using var client = App.CreateClient();
        await App.SendRouteAsync(client, Calls.Body(callId, SwitchboardApp.NewNumber(), t.CampaignNumber));
        App.Logs.Clear();

        await App.SendRouteAsync(client, Calls.Body(callId, t.CampaignNumber, t.CampaignNumber));

        var warning = Assert.Single(App.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(typeof(CallRouting).FullName, warning.Category);
        Assert.Contains(callId, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeat_with_other_numbers_creates_no_lead_for_the_other_caller()
    {
        var t = await TenantAsync();
        var callId = Calls.NewCallId();
        var otherCaller = SwitchboardApp.NewNumber();
        using var client = App.CreateClient();
        await App.SendRouteAsync(client, Calls.Body(callId, SwitchboardApp.NewNumber(), t.CampaignNumber));

        await App.SendRouteAsync(client, Calls.Body(callId, otherCaller, t.CampaignNumber));

        using var leads = await App.LeadsAsync(t.Id, otherCaller);
        Assert.Empty(leads.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Fifty_concurrent_first_calls_from_one_caller_share_one_lead_counted_fifty_times()
    {
        var t = await TenantAsync();
        var caller = SwitchboardApp.NewNumber();
        var callIds = Enumerable.Range(0, 50).Select(_ => Calls.NewCallId()).ToList();
        using var client = App.CreateClient();

        var answers = await Task.WhenAll(callIds.Select(id => App.SendRouteAsync(client, Calls.Body(id, caller, t.CampaignNumber))));

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{(int)a.Status}: {a.Text}"));
        using var leads = await App.LeadsAsync(t.Id, caller);
        var lead = Assert.Single(leads.RootElement.EnumerateArray());
        Assert.Equal(50, lead.GetProperty("call_count").GetInt32());
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Fifty_concurrent_first_calls_from_one_caller_each_get_the_same_lead_and_a_distinct_count()
    {
        var t = await TenantAsync();
        var caller = SwitchboardApp.NewNumber();
        var callIds = Enumerable.Range(0, 50).Select(_ => Calls.NewCallId()).ToList();
        using var client = App.CreateClient();

        var answers = await Task.WhenAll(callIds.Select(id => App.SendRouteAsync(client, Calls.Body(id, caller, t.CampaignNumber))));

        var leads = answers.Select(a => a.Lead).ToList();
        Assert.All(leads, l => Assert.Equal(JsonValueKind.Object, l.ValueKind));
        Assert.Single(leads.Select(l => l.GetProperty("id").GetString()).Distinct());
        Assert.Equal(Enumerable.Range(1, 50), leads.Select(l => l.GetProperty("call_count").GetInt32()).Order());
    }

    [Fact]
    public async Task Fifty_concurrent_first_calls_from_one_caller_are_fifty_call_rows()
    {
        var t = await TenantAsync();
        var caller = SwitchboardApp.NewNumber();
        var callIds = Enumerable.Range(0, 50).Select(_ => Calls.NewCallId()).ToList();
        using var client = App.CreateClient();

        await Task.WhenAll(callIds.Select(id => App.SendRouteAsync(client, Calls.Body(id, caller, t.CampaignNumber))));

        var rowIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var callId in callIds)
        {
            using var call = await App.CallAsync(callId);
            rowIds.Add(call.RootElement.GetProperty("id").GetString()!);
        }

        Assert.Equal(50, rowIds.Count);
    }

    [Fact]
    public async Task Twenty_concurrent_calls_each_sent_twice_at_once_count_the_lead_twenty_times()
    {
        var t = await TenantAsync();
        var caller = SwitchboardApp.NewNumber();
        var bodies = Enumerable.Range(0, 20).Select(_ => Calls.Body(Calls.NewCallId(), caller, t.CampaignNumber)).ToList();
        using var client = App.CreateClient();

        var answers = await Task.WhenAll(bodies.Concat(bodies).Select(body => App.SendRouteAsync(client, body)));

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{(int)a.Status}: {a.Text}"));
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(answers[i].Bytes, answers[i + 20].Bytes));
        using var leads = await App.LeadsAsync(t.Id, caller);
        Assert.Equal(20, Assert.Single(leads.RootElement.EnumerateArray()).GetProperty("call_count").GetInt32());
    }

    private async Task<TestTenant> TenantAsync()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        return tenant;
    }
}

[Collection(nameof(OnSqlite))]
public sealed class IdempotencyOnSqlite(SqliteApp app) : IdempotencyTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class IdempotencyOnPostgres(PostgresApp app) : IdempotencyTests<PostgresApp>(app);
