using Switchboard.LiveKit.Api;
using Switchboard.LiveKit.StandIn;
using Xunit;

namespace Switchboard.LiveKit.Tests.Api;

/// <summary>Answers in every form protobuf JSON allows are read alike (livekit.md §3.2).</summary>
public sealed class AnswerReadingTests
{
    private const string Room = "room-reading";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CamelCase_answers_with_defaults_left_out_read_like_LiveKits_own()
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.AnswerStyle = StandInAnswerStyle.CamelCase;
        api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111", callId: "SCL_9fTzQm4WkP2d",
            attributes: new Dictionary<string, string> { ["some_key"] = "snake", ["someKey"] = "camel" });
        var rule = await api.Sip.CreateSipDispatchRuleAsync(new SipDispatchRuleInfo
        {
            Numbers = ["+15550001111"],
            Rule = new SipDispatchRule { DispatchRuleIndividual = new SipDispatchRuleIndividual { RoomPrefix = "call" } },
            RoomConfig = new RoomConfiguration { Agents = [new RoomAgentDispatch { AgentName = "sales-agent" }] },
        }, Ct);

        var participant = Assert.Single(await api.Rooms.ListParticipantsAsync(Room, Ct));
        var dispatch = await api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest { AgentName = "sales-bot", Room = Room }, Ct);

        Assert.Contains("\"sipDispatchRuleId\"", api.LiveKit.RequestsTo("CreateSIPDispatchRule")[0].ResponseBody, StringComparison.Ordinal);
        Assert.Matches("^SDR_", rule.SipDispatchRuleId);
        Assert.Equal("call", rule.Rule?.DispatchRuleIndividual?.RoomPrefix);
        Assert.Equal("sales-agent", Assert.Single(rule.RoomConfig!.Agents).AgentName);
        Assert.Empty(rule.TrunkIds);
        Assert.Equal((ParticipantKind.Sip, "SCL_9fTzQm4WkP2d"), (participant.Kind, participant.Attributes["sip.callID"]));
        Assert.Equal(("snake", "camel"), (participant.Attributes["some_key"], participant.Attributes["someKey"]));
        Assert.True(participant.JoinedAtMs > 0);
        Assert.Equal("sales-bot", dispatch.AgentName);
        Assert.True(dispatch.State?.CreatedAt > 0);
    }

    [Fact]
    public async Task Numbers_as_strings_or_numbers_unknown_enum_names_unknown_fields_and_nulls_are_tolerated()
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.AnswerNext("ListParticipants", 200, """
            {"participants":[
              null,
              {"sid":"PA_1","identity":"sip_+1","joined_at":"1760000001","joinedAtMs":1760000001456,"version":"3",
               "kind":"A_KIND_FROM_THE_FUTURE","state":2,"permission":null,"attributes":{"sip.callID":"SCL_1"},"brand_new_field":{"x":1}},
              {"identity":"agent","kind":"AGENT","attributes":null}
            ],"next_page_token":"ignored"}
            """);

        var participants = await api.Rooms.ListParticipantsAsync(Room, Ct);

        Assert.Equal(2, participants.Count);
        var caller = participants[0];
        Assert.Equal((1760000001L, 1760000001456L, 3u), (caller.JoinedAt, caller.JoinedAtMs, caller.Version));
        Assert.Equal((ParticipantKind.Standard, ParticipantState.Active), (caller.Kind, caller.State));
        Assert.Null(caller.Permission);
        Assert.Equal("SCL_1", caller.Attributes["sip.callID"]);
        Assert.Equal(ParticipantKind.Agent, participants[1].Kind);
    }

    [Fact]
    public async Task Null_items_for_unknown_rule_ids_are_left_out()
    {
        await using var api = await LiveKitApi.StartAsync();
        api.LiveKit.AnswerNext("ListSIPDispatchRule", 200, """
            {"items":[null,{"sip_dispatch_rule_id":"SDR_1","numbers":["+15550001111"],"created_at":"2026-03-12T10:00:00.123456789Z",
              "media":{"encryption":"SIP_MEDIA_ENCRYPT_REQUIRE","media_timeout":"1.5s"}},null]}
            """);

        var rules = await api.Sip.ListSipDispatchRuleAsync(new ListSipDispatchRuleRequest { DispatchRuleIds = ["SDR_0", "SDR_1", "SDR_2"] }, Ct);

        var rule = Assert.Single(rules);
        Assert.Equal(["+15550001111"], rule.Numbers);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), rule.CreatedAt);
        Assert.Equal((SipMediaEncryption.Require, TimeSpan.FromSeconds(1.5)), (rule.Media?.Encryption, rule.Media?.MediaTimeout));
    }
}
