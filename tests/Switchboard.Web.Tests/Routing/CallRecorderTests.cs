using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Data;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>
/// The hot path's writers, one per database (a statement of CTEs on PostgreSQL, group commit on SQLite): the answer's lead is
/// filled in by the database side exactly as .NET would, a call that fails is undone alone, and a call is answered only once written.
/// </summary>
public abstract class CallRecorderTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    [Fact]
    public async Task Campaign_metadata_with_percent_signs_and_slot_lookalikes_is_answered_and_replayed_verbatim()
    {
        const string Note = "100% sure %1$s %s %% \u0001i";
        var tenant = SwitchboardApp.NewSlug("pct");
        var number = SwitchboardApp.NewNumber();
        await App.ApplyAsync($"""
            tenants:
              - id: {tenant}
                name: Percent 100%
                campaigns:
                  - id: promo
                    name: "50% off"
                    agent: sales-bot
                    metadata: {JsonSerializer.Serialize(new { note = Note })}
                numbers:
                  - number: "{number}"
                    campaign: promo
            """);
        var caller = SwitchboardApp.NewNumber();
        var body = Calls.Body(Calls.NewCallId(), caller, number);
        using var client = App.CreateClient();

        var first = await App.SendRouteAsync(client, body);
        var repeat = await App.SendRouteAsync(client, body);

        Assert.True(first.Status == HttpStatusCode.OK, first.Text);
        Assert.Equal(first.Bytes, repeat.Bytes);
        var campaign = first.Json.GetProperty("metadata").GetProperty("campaign");
        Assert.Equal(Note, campaign.GetProperty("metadata").GetProperty("note").GetString());
        Assert.Equal("50% off", campaign.GetProperty("name").GetString());
        using var leads = await App.LeadsAsync(tenant, caller);
        var lead = Assert.Single(leads.RootElement.EnumerateArray());
        Assert.Equal(lead.GetProperty("id").GetString(), first.Lead.GetProperty("id").GetString());
        Assert.False(first.Lead.GetProperty("returning").GetBoolean());
        Assert.Equal(1, first.Lead.GetProperty("call_count").GetInt32());
    }

    [Fact]
    public async Task A_call_that_fails_is_undone_alone_and_the_calls_written_beside_it_are_kept()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        var recorder = App.Services.GetRequiredService<CallRecorder>();
        var good = Enumerable.Range(0, 20).Select(_ => Write(tenant.Id, SwitchboardApp.NewNumber())).ToList();
        var badWrite = Write(tenant.Id, SwitchboardApp.NewNumber());
        var bad = badWrite with { Call = badWrite.Call with { FromRaw = null! } };   // breaks the NOT NULL on calls.from_raw

        var goodTasks = good.Select(w => recorder.RecordAsync(w, Ct)).ToList();
        var badTask = recorder.RecordAsync(bad, Ct);
        var goodTasksAfter = good.Select(w => recorder.RecordAsync(w with { Call = w.Call with { CallId = w.Call.CallId + "-b" } }, Ct)).ToList();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => badTask);
        Assert.True(StorageFault.Is(failure), failure.ToString());
        Assert.All(await Task.WhenAll(goodTasks.Concat(goodTasksAfter)), outcome => Assert.False(outcome.Replayed));
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(bad.Call.CallId));
        foreach (var write in good)
        {
            using var call = await App.CallAsync(write.Call.CallId);
            Assert.Equal("routed", Assert.Single(call.RootElement.GetProperty("events").EnumerateArray()).GetProperty("type").GetString());
        }

        using var leads = await App.LeadsAsync(tenant.Id);
        Assert.Equal(20, leads.RootElement.GetArrayLength());
        Assert.All(leads.RootElement.EnumerateArray(), l => Assert.Equal(2, l.GetProperty("call_count").GetInt32()));
    }

    [Fact]
    public async Task A_write_whose_answer_and_lead_disagree_is_refused_and_writes_nothing()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        var recorder = App.Services.GetRequiredService<CallRecorder>();
        var write = Write(tenant.Id, SwitchboardApp.NewNumber()) with { Answer = AnswerTemplate.Final("{}") };

        await Assert.ThrowsAsync<ArgumentException>(() => recorder.RecordAsync(write, Ct));

        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(write.Call.CallId));
    }

    /// <summary>A routed call from <paramref name="caller"/> whose lead belongs to <paramref name="tenantId"/>.</summary>
    internal static CallWrite Write(string tenantId, string caller)
    {
        var at = DateTime.UtcNow;
        var call = new CallRecord(Calls.NewCallId(), "accept", "tenant_default", "tenant-bot", tenantId, CampaignId: null, caller, caller, "+18005550100",
            "+18005550100", TrunkId: null, RoomName: null, AttributesJson: null, ConfigVersion: 1, at, at, TraceJson: "[]");
        var answer = AnswerTemplate.WithLead(
            "{\"lead\":{\"id\":" + AnswerTemplate.LeadIdSlot + ",\"returning\":" + AnswerTemplate.ReturningSlot + ",\"call_count\":" + AnswerTemplate.CallCountSlot + "}}");
        return new CallWrite(call, new LeadKey(tenantId, caller), "routed", EndedAtDecision: null, answer);
    }
}

[Collection(nameof(OnSqlite))]
public sealed class CallRecorderOnSqlite(SqliteApp app) : CallRecorderTests<SqliteApp>(app)
{
    [Fact]
    public async Task Calls_queued_when_the_writer_stops_are_written_before_it_stops_and_later_ones_are_refused()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        var connectionString = App.Services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName)!;
        var recorder = new SqliteCallRecorder(connectionString, new DatabaseOptions());
        var writes = Enumerable.Range(0, 40).Select(_ => Write(tenant.Id, SwitchboardApp.NewNumber())).ToList();
        var queued = writes.Select(w => recorder.RecordAsync(w, Ct)).ToList();

        await recorder.DisposeAsync();

        Assert.All(await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(30), Ct), outcome => Assert.False(outcome.Replayed));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => recorder.RecordAsync(Write(tenant.Id, SwitchboardApp.NewNumber()), Ct));
        using var leads = await App.LeadsAsync(tenant.Id);
        Assert.Equal(40, leads.RootElement.GetArrayLength());
    }
}

[Collection(nameof(OnPostgres))]
public sealed class CallRecorderOnPostgres(PostgresApp app) : CallRecorderTests<PostgresApp>(app);
