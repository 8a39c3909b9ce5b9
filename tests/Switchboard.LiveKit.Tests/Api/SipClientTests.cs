using Switchboard.LiveKit.Api;
using Xunit;

namespace Switchboard.LiveKit.Tests.Api;

public sealed class SipClientTests
{
    private const string Room = "call_+14155550123_Ab3dEf6hJk9m";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SipDispatchRuleInfo SalesLine(string number = "+15550001111", string trunk = "ST_Ru3NbK8cYw2L") => new()
    {
        Name = "sales line",
        TrunkIds = [trunk],
        Numbers = [number],
        Rule = new SipDispatchRule { DispatchRuleIndividual = new SipDispatchRuleIndividual { RoomPrefix = "call" } },
        Metadata = """{"tenant":"acme"}""",
        Attributes = new Dictionary<string, string> { ["line"] = "sales" },
        RoomConfig = new RoomConfiguration { Agents = [new RoomAgentDispatch { AgentName = "sales-agent", Metadata = """{"lang":"en"}""" }] },
        KrispEnabled = true,
    };

    [Fact]
    public async Task CreateSipDispatchRule_uses_the_dispatch_rule_form_so_numbers_reach_LiveKit()
    {
        await using var api = await LiveKitApi.StartAsync();

        var rule = await api.Sip.CreateSipDispatchRuleAsync(SalesLine(), Ct);

        var request = Assert.Single(api.LiveKit.RequestsTo("CreateSIPDispatchRule"));
        Assert.Equal(["dispatch_rule"], request.Body.Keys());
        Assert.Equal(["+15550001111"], request.Body!["dispatch_rule"]!["numbers"].Strings());
        Assert.Equal("sales-agent", request.Body.Text("dispatch_rule.room_config.agents.0.agent_name"));
        Assert.Equal("call", request.Body.Text("dispatch_rule.rule.dispatch_rule_individual.room_prefix"));
        Assert.Matches("^SDR_[2-9A-HJ-NP-Za-km-z]{12}$", rule.SipDispatchRuleId);
        Assert.Equal(["+15550001111"], rule.Numbers);
        Assert.Equal("sales-agent", Assert.Single(rule.RoomConfig!.Agents).AgentName);
        Assert.Equal("call", rule.Rule?.DispatchRuleIndividual?.RoomPrefix);
        Assert.True(rule.KrispEnabled);
        Assert.NotNull(rule.CreatedAt);
        Assert.Equal(["+15550001111"], Assert.Single(api.LiveKit.Rules).Numbers);
    }

    [Fact]
    public async Task SIP_admin_calls_carry_only_the_sip_admin_grant()
    {
        await using var api = await LiveKitApi.StartAsync();
        var rule = await api.Sip.CreateSipDispatchRuleAsync(SalesLine(), Ct);
        var trunk = await api.Sip.CreateSipInboundTrunkAsync(new SipInboundTrunkInfo { Name = "twilio", Numbers = ["+15550001111"] }, Ct);

        await api.Sip.UpdateSipDispatchRuleAsync(rule.SipDispatchRuleId, new SipDispatchRuleUpdate { Name = "renamed" }, Ct);
        await api.Sip.ReplaceSipDispatchRuleAsync(rule.SipDispatchRuleId, SalesLine(), Ct);
        await api.Sip.ListSipDispatchRuleAsync(cancellationToken: Ct);
        await api.Sip.ListSipInboundTrunkAsync(cancellationToken: Ct);
        await api.Sip.UpdateSipInboundTrunkAsync(trunk.SipTrunkId, new SipInboundTrunkUpdate { Name = "twilio-2" }, Ct);
        await api.Sip.DeleteSipDispatchRuleAsync(rule.SipDispatchRuleId, Ct);

        Assert.Equal(8, api.LiveKit.Requests.Count);
        Assert.All(api.LiveKit.Requests, request =>
        {
            Assert.Equal(200, request.Status);
            Assert.Equal(["exp", "iat", "iss", "nbf", "sip"], request.Claims.Keys());
            Assert.Equal(["admin"], request.Claims!["sip"].Keys());
        });
    }

    [Fact]
    public async Task A_rule_that_conflicts_with_another_is_refused_as_invalid_argument()
    {
        await using var api = await LiveKitApi.StartAsync();
        await api.Sip.CreateSipDispatchRuleAsync(SalesLine("+15550001111"), Ct);

        // Same trunk, no caller filter, and the same called number once normalized: LiveKit's conflict key (§4.5).
        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Sip.CreateSipDispatchRuleAsync(SalesLine("1 (555) 000-1111") with { Name = "dup" }, Ct));

        Assert.Equal((TwirpErrorCode.InvalidArgument, 400), (failure.Code, failure.HttpStatus));
        Assert.Single(api.LiveKit.Rules);
    }

    [Fact]
    public async Task UpdateSipDispatchRule_changes_only_what_the_update_sets()
    {
        await using var api = await LiveKitApi.StartAsync();
        var rule = await api.Sip.CreateSipDispatchRuleAsync(SalesLine(), Ct);

        var updated = await api.Sip.UpdateSipDispatchRuleAsync(rule.SipDispatchRuleId, new SipDispatchRuleUpdate
        {
            TrunkIds = new ListUpdate { Add = ["ST_Second00000A"] },
            Name = "",
            Attributes = new Dictionary<string, string> { ["line"] = "", ["queue"] = "vip" },
        }, Ct);

        var request = Assert.Single(api.LiveKit.RequestsTo("UpdateSIPDispatchRule"));
        Assert.Equal(["attributes", "name", "trunk_ids"], request.Body!["update"].Keys());
        Assert.Equal(["ST_Ru3NbK8cYw2L", "ST_Second00000A"], updated.TrunkIds);
        Assert.Equal("", updated.Name);
        Assert.Equal(new Dictionary<string, string> { ["queue"] = "vip" }, updated.Attributes);
        Assert.Equal(["+15550001111"], updated.Numbers);
    }

    [Fact]
    public async Task ReplaceSipDispatchRule_replaces_the_whole_rule()
    {
        await using var api = await LiveKitApi.StartAsync();
        var rule = await api.Sip.CreateSipDispatchRuleAsync(SalesLine(), Ct);

        var replaced = await api.Sip.ReplaceSipDispatchRuleAsync(rule.SipDispatchRuleId, new SipDispatchRuleInfo
        {
            Name = "support line",
            Numbers = ["+15550002222"],
            Rule = new SipDispatchRule { DispatchRuleDirect = new SipDispatchRuleDirect { RoomName = "support", Pin = "1234" } },
        }, Ct);

        Assert.Equal(rule.SipDispatchRuleId, replaced.SipDispatchRuleId);
        Assert.Equal(("support line", "support", "1234"), (replaced.Name, replaced.Rule?.DispatchRuleDirect?.RoomName, replaced.Rule?.DispatchRuleDirect?.Pin));
        Assert.Empty(replaced.TrunkIds);
        Assert.Null(replaced.RoomConfig);
        Assert.Equal(["+15550002222"], Assert.Single(api.LiveKit.Rules).Numbers);
    }

    [Fact]
    public async Task ListSipDispatchRule_filters_by_trunk_and_leaves_out_unknown_ids()
    {
        await using var api = await LiveKitApi.StartAsync();
        var onTrunk = await api.Sip.CreateSipDispatchRuleAsync(SalesLine("+15550001111", "ST_TrunkA000001"), Ct);
        var onOther = await api.Sip.CreateSipDispatchRuleAsync(SalesLine("+15550002222", "ST_TrunkB000001"), Ct);
        var anyTrunk = await api.Sip.CreateSipDispatchRuleAsync(SalesLine("+15550003333") with { TrunkIds = [] }, Ct);

        var byTrunk = await api.Sip.ListSipDispatchRuleAsync(new ListSipDispatchRuleRequest { TrunkIds = ["ST_TrunkA000001"] }, Ct);
        var byId = await api.Sip.ListSipDispatchRuleAsync(new ListSipDispatchRuleRequest { DispatchRuleIds = ["SDR_Unknown00001", onOther.SipDispatchRuleId] }, Ct);

        Assert.Equal(new[] { onTrunk.SipDispatchRuleId, anyTrunk.SipDispatchRuleId }.Order(StringComparer.Ordinal), byTrunk.Select(r => r.SipDispatchRuleId));
        Assert.Equal([onOther.SipDispatchRuleId], byId.Select(r => r.SipDispatchRuleId));
        Assert.Contains("null", api.LiveKit.RequestsTo("ListSIPDispatchRule")[1].ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteSipDispatchRule_of_an_unknown_rule_is_not_found()
    {
        await using var api = await LiveKitApi.StartAsync();
        var rule = await api.Sip.CreateSipDispatchRuleAsync(SalesLine(), Ct);

        var deleted = await api.Sip.DeleteSipDispatchRuleAsync(rule.SipDispatchRuleId, Ct);
        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Sip.DeleteSipDispatchRuleAsync(rule.SipDispatchRuleId, Ct));

        Assert.Equal(rule.SipDispatchRuleId, deleted.SipDispatchRuleId);
        Assert.Empty(api.LiveKit.Rules);
        Assert.Equal(TwirpErrorCode.NotFound, failure.Code);
    }

    [Fact]
    public async Task Inbound_trunks_are_created_listed_by_number_and_updated()
    {
        await using var api = await LiveKitApi.StartAsync();
        var trunk = await api.Sip.CreateSipInboundTrunkAsync(new SipInboundTrunkInfo
        {
            Name = "twilio",
            Numbers = ["+15550001111"],
            AllowedAddresses = ["203.0.113.0/24"],
            RingingTimeout = TimeSpan.FromSeconds(45),
            KrispEnabled = true,
        }, Ct);
        var other = await api.Sip.CreateSipInboundTrunkAsync(new SipInboundTrunkInfo { Name = "telnyx", Numbers = ["+15550009999"] }, Ct);

        var byNumber = await api.Sip.ListSipInboundTrunkAsync(new ListSipInboundTrunkRequest { Numbers = ["15550001111"] }, Ct);
        var updated = await api.Sip.UpdateSipInboundTrunkAsync(trunk.SipTrunkId, new SipInboundTrunkUpdate { Numbers = new ListUpdate { Add = ["+15550002222"] } }, Ct);
        var replaced = await api.Sip.ReplaceSipInboundTrunkAsync(other.SipTrunkId, new SipInboundTrunkInfo { Name = "telnyx-2", Numbers = ["+15550008888"] }, Ct);

        Assert.Matches("^ST_[2-9A-HJ-NP-Za-km-z]{12}$", trunk.SipTrunkId);
        Assert.Equal(TimeSpan.FromSeconds(45), trunk.RingingTimeout);
        Assert.Equal("45s", api.LiveKit.RequestsTo("CreateSIPInboundTrunk")[0].Body.Text("trunk.ringing_timeout"));
        Assert.Equal([trunk.SipTrunkId], byNumber.Select(t => t.SipTrunkId));
        Assert.Equal(["+15550001111", "+15550002222"], updated.Numbers);
        Assert.Equal(("telnyx-2", other.SipTrunkId), (replaced.Name, replaced.SipTrunkId));
        Assert.Equal(2, api.LiveKit.Trunks.Count);
    }

    [Fact]
    public async Task CreateSipDispatchRule_and_CreateSipInboundTrunk_are_not_retried()
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.FailNext("CreateSIPDispatchRule");
        api.LiveKit.FailNext("CreateSIPInboundTrunk");

        await Assert.ThrowsAsync<LiveKitApiException>(() => api.Sip.CreateSipDispatchRuleAsync(SalesLine(), Ct));
        await Assert.ThrowsAsync<LiveKitApiException>(() => api.Sip.CreateSipInboundTrunkAsync(new SipInboundTrunkInfo { Numbers = ["+15550001111"] }, Ct));

        Assert.Single(api.LiveKit.RequestsTo("CreateSIPDispatchRule"));
        Assert.Single(api.LiveKit.RequestsTo("CreateSIPInboundTrunk"));
    }

    [Fact]
    public async Task List_and_Delete_rule_calls_are_retried_on_503()
    {
        await using var api = await LiveKitApi.StartAsync();
        var rule = await api.Sip.CreateSipDispatchRuleAsync(SalesLine(), Ct);
        api.LiveKit.FailNext("ListSIPDispatchRule");
        api.LiveKit.FailNext("ListSIPInboundTrunk");
        api.LiveKit.FailNext("DeleteSIPDispatchRule");

        await api.Sip.ListSipDispatchRuleAsync(cancellationToken: Ct);
        await api.Sip.ListSipInboundTrunkAsync(cancellationToken: Ct);
        await api.Sip.DeleteSipDispatchRuleAsync(rule.SipDispatchRuleId, Ct);

        Assert.Equal([503, 200], api.LiveKit.RequestsTo("ListSIPDispatchRule").Select(r => r.Status));
        Assert.Equal([503, 200], api.LiveKit.RequestsTo("ListSIPInboundTrunk").Select(r => r.Status));
        Assert.Equal([503, 200], api.LiveKit.RequestsTo("DeleteSIPDispatchRule").Select(r => r.Status));
    }

    [Fact]
    public async Task TransferSipParticipant_moves_the_caller_out_with_sip_call_and_roomAdmin_for_the_room()
    {
        await using var api = await LiveKitApi.StartAsync();
        var caller = api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111");

        var result = await api.Sip.TransferSipParticipantAsync(new TransferSipParticipantRequest
        {
            RoomName = Room,
            ParticipantIdentity = caller.Identity,
            TransferTo = "tel:+15550009999",
            PlayDialtone = true,
            RingingTimeout = TimeSpan.FromSeconds(45),
        }, Ct);

        var request = Assert.Single(api.LiveKit.RequestsTo("TransferSIPParticipant"));
        Assert.Equal(["exp", "iat", "iss", "nbf", "sip", "video"], request.Claims.Keys());
        Assert.Equal(["call"], request.Claims!["sip"].Keys());
        Assert.Equal(["room", "roomAdmin"], request.Claims["video"].Keys());
        Assert.Equal(Room, request.Claims.Text("video.room"));
        Assert.Equal("45s", request.Body.Text("ringing_timeout"));
        Assert.True(long.Parse(request.Headers["X-Twirp-Timeout-Ms"], System.Globalization.CultureInfo.InvariantCulture) > 45_000);
        Assert.Equal((SipTransferStatus.Successful, SipTransferReason.Completed), (result.Status, result.Reason));
        Assert.Matches("^STR_", result.TransferId);
        Assert.Empty(Assert.Single(api.LiveKit.Rooms).Participants);
        Assert.Equal("tel:+15550009999", Assert.Single(api.LiveKit.Transfers).TransferTo);
    }

    [Fact]
    public async Task An_older_servers_empty_transfer_answer_reads_as_unknown_status()
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.LegacyTransferAnswer = true;
        var caller = api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111");

        var result = await api.Sip.TransferSipParticipantAsync(
            new TransferSipParticipantRequest { RoomName = Room, ParticipantIdentity = caller.Identity, TransferTo = "sip:+15550009999@example.com" }, Ct);

        Assert.Equal("{}", api.LiveKit.RequestsTo("TransferSIPParticipant")[0].ResponseBody);
        Assert.Equal((null, null, null, ""), (result.Status, result.Reason, result.SipStatus, result.TransferId));
    }

    [Fact]
    public async Task A_refused_transfer_reports_the_SIP_status_and_is_not_retried()
    {
        await using var api = await LiveKitApi.StartAsync();
        var caller = api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111");
        api.LiveKit.FailNext("TransferSIPParticipant", code: "unavailable", message: "transfer failed",
            meta: new Dictionary<string, string> { ["sip_status_code"] = "486", ["sip_status"] = "Busy Here" });

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Sip.TransferSipParticipantAsync(
            new TransferSipParticipantRequest { RoomName = Room, ParticipantIdentity = caller.Identity, TransferTo = "tel:+15550009999" }, Ct));

        Assert.Equal((TwirpErrorCode.Unavailable, 486, "Busy Here"), (failure.Code, failure.SipStatusCode, failure.SipStatus));
        Assert.Equal("486", failure.Meta["sip_status_code"]);
        Assert.Single(api.LiveKit.RequestsTo("TransferSIPParticipant"));
        Assert.Single(Assert.Single(api.LiveKit.Rooms).Participants);
    }

    [Fact]
    public async Task Transferring_a_participant_that_is_not_a_SIP_caller_is_invalid()
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.AddAgentParticipant(Room, "agent-1");

        var failure = await Assert.ThrowsAsync<LiveKitApiException>(() => api.Sip.TransferSipParticipantAsync(
            new TransferSipParticipantRequest { RoomName = Room, ParticipantIdentity = "agent-1", TransferTo = "tel:+15550009999" }, Ct));

        Assert.Equal(TwirpErrorCode.InvalidArgument, failure.Code);
    }
}
