using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Core.Configuration;
using Switchboard.Core.DispatchRules;
using Switchboard.Core.LiveKitSync;
using Switchboard.LiveKit.Api;
using Switchboard.LiveKit.StandIn;
using Switchboard.Web.LiveKitSync;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.LiveKitSync;

/// <summary>
/// <see cref="LiveKitSynchronizer"/> against a strict LiveKit stand-in, a fresh one per test: the plan is applied as planned,
/// applying again changes nothing, the operator's objects are never touched, a refused plan sends nothing, and a create whose
/// answer was lost is found by name instead of being made twice. No database: the synchronizer takes the configuration.
/// </summary>
public sealed class LiveKitSynchronizerTests : IAsyncLifetime
{
    private static readonly string[] Writes = ["CreateSIPInboundTrunk", "UpdateSIPInboundTrunk", "CreateSIPDispatchRule", "UpdateSIPDispatchRule", "DeleteSIPDispatchRule"];
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-02T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly string _campaignNumber = SwitchboardApp.NewNumber();
    private readonly string _plainNumber = SwitchboardApp.NewNumber();
    private LiveKitStandIn _liveKit = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LiveKitSynchronizer Synchronizer => _services.GetRequiredService<LiveKitSynchronizer>();

    public async ValueTask InitializeAsync()
    {
        _liveKit = await LiveKitStandIn.StartAsync(SwitchboardApp.ApiKey, SwitchboardApp.ApiSecret, cancellationToken: Ct);
        _services = LiveKitSyncApps.Services(_liveKit);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _liveKit.DisposeAsync();
    }

    [Fact]
    public async Task A_sync_creates_the_trunk_and_one_rule_per_number_with_its_agent_and_numbers_kept()
    {
        var outcome = await Synchronizer.SyncAsync(Desired(LiveKitMode.Static), Ct);

        Assert.True(outcome.Completed, string.Join("; ", outcome.Errors));
        var trunk = Assert.Single(_liveKit.Trunks);
        Assert.Equal(ManagedObjects.TrunkName, trunk.Name);
        Assert.Equal([_campaignNumber, _plainNumber], Strings(trunk.Info, "numbers").Order(StringComparer.Ordinal));
        Assert.Equal(LiveKitSyncApps.AllowedAddresses, Strings(trunk.Info, "allowed_addresses"));
        var campaign = Assert.Single(_liveKit.Rules, r => r.Name == $"switchboard: {_campaignNumber}");
        Assert.Equal([_campaignNumber], campaign.Numbers);
        Assert.Equal([trunk.Id], campaign.TrunkIds);
        Assert.Equal("sales-bot", Agent(campaign));
        Assert.Equal("true", campaign.Info["attributes"]![ManagedObjects.MarkerAttribute]!.GetValue<string>());
        Assert.Equal("tenant-bot", Agent(Assert.Single(_liveKit.Rules, r => r.Name == $"switchboard: {_plainNumber}")));
        Assert.All(_liveKit.RequestsTo("CreateSIPDispatchRule"), r => Assert.NotNull(r.Body!["dispatch_rule"]));
        Assert.Equal(3, outcome.Applied.Count);
    }

    [Fact]
    public async Task A_second_sync_sends_no_create_update_or_delete()
    {
        await SyncAsync(Desired(LiveKitMode.Static));
        var before = _liveKit.Requests.Count;

        var again = await Synchronizer.SyncAsync(Desired(LiveKitMode.Static), Ct);

        Assert.True(again.Plan.InSync);
        Assert.Empty(again.Applied);
        Assert.DoesNotContain(_liveKit.Requests.Skip(before), r => Writes.Contains(r.Method));
    }

    [Fact]
    public async Task Answers_in_lower_camel_case_read_the_same()
    {
        _liveKit.AnswerStyle = StandInAnswerStyle.CamelCase;
        await SyncAsync(Desired(LiveKitMode.Static));

        var plan = await Synchronizer.PlanAsync(Desired(LiveKitMode.Static), Ct);

        Assert.True(plan.InSync, string.Join("\n", plan.Steps.Select(s => s.Describe())));
    }

    [Fact]
    public async Task The_operators_trunk_and_rule_are_left_exactly_as_they_were()
    {
        var trunk = _liveKit.AddTrunk("""{"name":"office PBX","numbers":["+15559990000"],"allowed_addresses":["203.0.113.0/24"]}""");
        var rule = _liveKit.AddRule($$$"""{"name":"switchboard: office","trunk_ids":["{{{trunk.Id}}}"],"rule":{"dispatch_rule_direct":{"room_name":"office"} } }""");

        await SyncAsync(Desired(LiveKitMode.Events));
        await SyncAsync(Desired(LiveKitMode.Static));

        Assert.Equal(trunk.Info.ToJsonString(), Assert.Single(_liveKit.Trunks, t => t.Id == trunk.Id).Info.ToJsonString());
        Assert.Equal(rule.Info.ToJsonString(), Assert.Single(_liveKit.Rules, r => r.Id == rule.Id).Info.ToJsonString());
        Assert.DoesNotContain(_liveKit.Requests, r => Writes.Contains(r.Method) && (r.RawBody.Contains(trunk.Id, StringComparison.Ordinal) || r.RawBody.Contains(rule.Id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Switching_to_static_replaces_the_catch_all_with_number_rules()
    {
        await SyncAsync(Desired(LiveKitMode.Events));
        var catchAll = Assert.Single(_liveKit.Rules);
        Assert.Equal(ManagedObjects.CatchAllRuleName, catchAll.Name);
        Assert.Null(catchAll.Info["room_config"]?["agents"]?.AsArray().FirstOrDefault());

        await SyncAsync(Desired(LiveKitMode.Static));

        Assert.Equal([$"switchboard: {_campaignNumber}", $"switchboard: {_plainNumber}"], _liveKit.Rules.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal("DeleteSIPDispatchRule", _liveKit.Requests.Last(r => Writes.Contains(r.Method)).Method);
    }

    [Fact]
    public async Task A_changed_agent_replaces_the_rule_under_the_same_id()
    {
        await SyncAsync(Desired(LiveKitMode.Static));
        var before = Assert.Single(_liveKit.Rules, r => r.Name == $"switchboard: {_campaignNumber}");

        var outcome = await SyncAsync(Desired(LiveKitMode.Static, campaignAgent: "closer-bot"));

        var after = Assert.Single(_liveKit.Rules, r => r.Name == $"switchboard: {_campaignNumber}");
        Assert.Equal((before.Id, "closer-bot"), (after.Id, Agent(after)));
        var update = Assert.Single(outcome.Applied);
        Assert.Equal(SyncAction.Update, update.Action);
        Assert.NotNull(Assert.Single(_liveKit.RequestsTo("UpdateSIPDispatchRule")).Body!["replace"]);
    }

    [Fact]
    public async Task A_plan_LiveKit_would_refuse_sends_nothing()
    {
        _liveKit.AddTrunk($$"""{"name":"Twilio by hand","numbers":["{{_plainNumber}}"]}""");

        var outcome = await Synchronizer.SyncAsync(Desired(LiveKitMode.Static), Ct);

        Assert.False(outcome.Completed);
        Assert.Contains(outcome.Errors, e => e.Message.StartsWith("Conflicting inbound SIP Trunks", StringComparison.Ordinal));
        Assert.DoesNotContain(_liveKit.Requests, r => Writes.Contains(r.Method));
        Assert.Empty(_liveKit.Rules);
    }

    [Theory]
    [InlineData("CreateSIPInboundTrunk", false)]
    [InlineData("CreateSIPDispatchRule", false)]
    [InlineData("CreateSIPDispatchRule", true)]
    public async Task A_create_whose_answer_was_lost_is_found_again_not_made_twice(string method, bool abortConnection)
    {
        _liveKit.FailNextAfterApply(method, abortConnection: abortConnection);

        var outcome = await Synchronizer.SyncAsync(Desired(LiveKitMode.Static), Ct);

        Assert.True(outcome.Completed, string.Join("; ", outcome.Errors));
        Assert.Single(_liveKit.Trunks);
        Assert.Equal(2, _liveKit.Rules.Count);
        Assert.Single(_liveKit.RequestsTo("CreateSIPInboundTrunk"));
        Assert.Equal(2, _liveKit.RequestsTo("CreateSIPDispatchRule").Count);
    }

    [Fact]
    public async Task Creates_lost_until_the_sync_gives_up_are_not_duplicated_by_the_next_sync()
    {
        _liveKit.FailNextAfterApply("CreateSIPDispatchRule", times: LiveKitSynchronizer.MaxAttempts);
        var desired = Desired(LiveKitMode.Static, extraNumbers: 1);

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => Synchronizer.SyncAsync(desired, Ct));
        var next = await SyncAsync(desired);

        Assert.True(failure.MayHaveBeenApplied);
        Assert.Empty(next.Applied);
        Assert.Equal(3, _liveKit.Rules.Count);
        Assert.Equal(3, _liveKit.Rules.Select(r => r.Name).Distinct().Count());
        Assert.Equal(3, _liveKit.RequestsTo("CreateSIPDispatchRule").Count);
    }

    [Fact]
    public async Task A_delete_retried_after_a_lost_answer_finds_the_rule_gone_and_carries_on()
    {
        await SyncAsync(Desired(LiveKitMode.Events));
        _liveKit.FailNextAfterApply("DeleteSIPDispatchRule");

        var outcome = await SyncAsync(Desired(LiveKitMode.Static));

        Assert.Contains(outcome.Applied, s => s.Action == SyncAction.Delete);
        Assert.DoesNotContain(_liveKit.Rules, r => r.Name == ManagedObjects.CatchAllRuleName);
        Assert.Equal(["unavailable", "not_found"], _liveKit.RequestsTo("DeleteSIPDispatchRule").Select(r => r.ErrorCode));
    }

    private async Task<LiveKitSyncOutcome> SyncAsync(LiveKitRules desired)
    {
        var outcome = await Synchronizer.SyncAsync(desired, Ct);
        Assert.True(outcome.Completed, string.Join("; ", outcome.Errors));
        return outcome;
    }

    private LiveKitRules Desired(LiveKitMode mode, string campaignAgent = "sales-bot", int extraNumbers = 0)
    {
        var extra = string.Concat(Enumerable.Range(0, extraNumbers).Select(i => $"      - number: \"+1555000{i:D4}\"\n"));
        var parsed = ConfigParser.Parse($"""
            tenants:
              - id: acme
                name: Acme
                default_agent: tenant-bot
                campaigns:
                  - id: promo
                    name: Promo
                    agent: {campaignAgent}
                numbers:
                  - number: "{_campaignNumber}"
                    campaign: promo
                  - number: "{_plainNumber}"

            """ + extra);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        var trunk = _services.GetRequiredService<IOptions<LiveKitTrunkOptions>>().Value.ToSettings();
        return LiveKitSynchronizer.Desired(parsed.Config, mode, trunk, Now);
    }

    private static string? Agent(StandInRule rule) => rule.Info["room_config"]?["agents"]?.AsArray().SingleOrDefault()?["agent_name"]?.GetValue<string>();

    private static string[] Strings(JsonObject info, string field) => [.. info[field]!.AsArray().Select(n => n!.GetValue<string>())];
}
