using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Switchboard.Core.Lifecycle;
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

    [Fact]
    public async Task Calls_queued_when_the_writers_stop_are_written_before_they_stop_and_later_ones_are_refused()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        var recorder = NewRecorder();
        var writes = Enumerable.Range(0, 40).Select(_ => Write(tenant.Id, SwitchboardApp.NewNumber())).ToList();
        var queued = writes.Select(w => recorder.RecordAsync(w, Ct)).ToList();

        await recorder.DisposeAsync();

        Assert.All(await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(30), Ct), outcome => Assert.False(outcome.Replayed));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => recorder.RecordAsync(Write(tenant.Id, SwitchboardApp.NewNumber()), Ct));
        using var leads = await App.LeadsAsync(tenant.Id);
        Assert.Equal(40, leads.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Calls_written_together_with_repeats_of_each_other_count_each_call_once()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        var recorder = App.Services.GetRequiredService<CallRecorder>();
        var caller = SwitchboardApp.NewNumber();
        var writes = Enumerable.Range(0, 30).Select(_ => Write(tenant.Id, caller)).ToList();
        var conflicting = writes[0] with { Call = writes[0].Call with { ToRaw = "+18005550199" } };

        var outcomes = await Task.WhenAll(writes.Concat(writes).Append(conflicting).Select(w => recorder.RecordAsync(w, Ct)));

        Assert.Equal(30, outcomes.Count(o => !o.Replayed));
        Assert.Equal(31, outcomes.Count(o => o.Replayed));
        Assert.Single(outcomes, o => o.Conflict);
        Assert.Equal(Enumerable.Range(1, 30), outcomes.Where(o => !o.Replayed).Select(o => Lead(o).GetProperty("call_count").GetInt32()).Order());
        Assert.All(Enumerable.Range(0, 30), i => Assert.Equal(outcomes[i].ResponseJson, outcomes[i + 30].ResponseJson));
        using var leads = await App.LeadsAsync(tenant.Id, caller);
        Assert.Equal(30, Assert.Single(leads.RootElement.EnumerateArray()).GetProperty("call_count").GetInt32());
    }

    [Fact]
    public async Task Calls_written_together_keep_each_its_own_lead_answer_and_timeline()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        var returning = SwitchboardApp.NewNumber();
        var first = await App.Services.GetRequiredService<CallRecorder>().RecordAsync(Write(tenant.Id, returning), Ct);
        var newCallers = Enumerable.Range(0, 5).Select(_ => SwitchboardApp.NewNumber()).ToList();
        var anonymous = NoLead(Write(tenant.Id, "anonymous"), "routed", endedAtDecision: null, "{\"action\":\"accept\",\"note\":\"100% %s\"}");
        var rejected = NoLead(Write(tenant.Id, SwitchboardApp.NewNumber()), "rejected", CallOutcome.Rejected, "{\"action\":\"reject\"}");
        var writes = newCallers.Select(caller => Write(tenant.Id, caller)).Prepend(Write(tenant.Id, returning)).Append(anonymous).Append(rejected).ToList();
        await using var recorder = NewRecorder();

        var outcomes = await Task.WhenAll(writes.Select(w => recorder.RecordAsync(w, Ct)));

        Assert.All(outcomes, outcome => Assert.False(outcome.Replayed));
        var again = Lead(outcomes[0]);
        Assert.Equal(Lead(first).GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal((true, 2), (again.GetProperty("returning").GetBoolean(), again.GetProperty("call_count").GetInt32()));
        using var leads = await App.LeadsAsync(tenant.Id);
        var stored = leads.RootElement.EnumerateArray().ToDictionary(l => l.GetProperty("phone").GetString()!, l => l.GetProperty("id").GetString());
        Assert.Equal(6, stored.Count);
        for (var i = 1; i <= newCallers.Count; i++)
        {
            var lead = Lead(outcomes[i]);
            Assert.Equal((false, 1), (lead.GetProperty("returning").GetBoolean(), lead.GetProperty("call_count").GetInt32()));
            Assert.Equal(stored[newCallers[i - 1]], lead.GetProperty("id").GetString());
        }

        Assert.Equal(anonymous.Answer.Text, outcomes[^2].ResponseJson);
        Assert.Equal(rejected.Answer.Text, outcomes[^1].ResponseJson);
        foreach (var (write, events) in writes.Zip(writes.Select(w => w == rejected ? new[] { "rejected", "ended" } : ["routed"])))
        {
            using var call = await App.CallAsync(write.Call.CallId);
            Assert.Equal(events, call.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        }

        var replays = await Task.WhenAll(writes.Select(w => recorder.RecordAsync(w, Ct)));
        Assert.All(replays, replay => Assert.True(replay.Replayed));
        Assert.Equal(outcomes.Select(o => o.ResponseJson), replays.Select(r => r.ResponseJson));
    }

    /// <summary>The answer's lead, as a detached copy.</summary>
    private static JsonElement Lead(RecordOutcome outcome)
    {
        using var answer = JsonDocument.Parse(outcome.ResponseJson);
        return answer.RootElement.GetProperty("lead").Clone();
    }

    private static CallWrite NoLead(CallWrite write, string eventType, CallOutcome? endedAtDecision, string answer) =>
        write with { Lead = null, EventType = eventType, EndedAtDecision = endedAtDecision, Answer = AnswerTemplate.Final(answer) };

    /// <summary>A recorder of the app's provider on the app's database, apart from the app's own.</summary>
    protected abstract GroupCommitRecorder NewRecorder();

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
    protected override GroupCommitRecorder NewRecorder() => new SqliteCallRecorder(
        App.Services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName)!, new DatabaseOptions());
}

[Collection(nameof(OnPostgres))]
public sealed class CallRecorderOnPostgres(PostgresApp app) : CallRecorderTests<PostgresApp>(app)
{
    protected override GroupCommitRecorder NewRecorder() => new PostgresCallRecorder(App.Services.GetRequiredService<NpgsqlDataSource>(), new DatabaseOptions());

    [Fact]
    public async Task Several_writers_at_once_count_every_call_once_for_callers_they_share()
    {
        var tenant = TestTenant.New();
        await App.ApplyAsync(tenant.Yaml());
        var callers = Enumerable.Range(0, 12).Select(_ => SwitchboardApp.NewNumber()).ToList();
        var writes = Enumerable.Range(0, 240).Select(i => Write(tenant.Id, callers[i % callers.Count])).ToList();
        await using var recorder = new PostgresCallRecorder(App.Services.GetRequiredService<NpgsqlDataSource>(), new DatabaseOptions { Writers = 4 });

        var outcomes = await Task.WhenAll(writes.Concat(writes).Select(w => recorder.RecordAsync(w, Ct)));

        Assert.Equal(240, outcomes.Count(o => !o.Replayed));
        Assert.All(Enumerable.Range(0, 240), i => Assert.Equal(outcomes[i].ResponseJson, outcomes[i + 240].ResponseJson));
        using var leads = await App.LeadsAsync(tenant.Id);
        Assert.Equal(callers.Order(), leads.RootElement.EnumerateArray().Select(l => l.GetProperty("phone").GetString()!).Order());
        Assert.All(leads.RootElement.EnumerateArray(), l => Assert.Equal(20, l.GetProperty("call_count").GetInt32()));
    }
}
