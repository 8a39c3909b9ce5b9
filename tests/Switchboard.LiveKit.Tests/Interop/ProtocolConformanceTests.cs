using System.Text.Json;
using Switchboard.LiveKit.Api;
using Switchboard.LiveKit.StandIn;
using Switchboard.LiveKit.Tests.Api;
using Xunit;

namespace Switchboard.LiveKit.Tests.Interop;

/// <summary>
/// Every Twirp body our client sends, captured by running the real client against the stand-in, parsed strictly by
/// @livekit/protocol's own message classes: names, types, enums and oneofs must be LiveKit's, and the parsed fields must say
/// what we meant. The tokens it minted pass the official SDK's TokenVerifier with the least grants. The stand-in's answers
/// parse too, so its shapes are LiveKit's.
/// </summary>
[Trait("Category", "Interop")]
public sealed class ProtocolConformanceTests(ProtocolConformanceTests.ClientTraffic traffic) : IClassFixture<ProtocolConformanceTests.ClientTraffic>
{
    private const string Room = "call_+14155550123_Ab3dEf6hJk9m";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_captured_traffic_calls_every_method_the_client_has()
    {
        Assert.Equal(NodeSdk.TwirpMessages.Keys.Order(StringComparer.Ordinal), traffic.Requests.Select(r => r.Method!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(traffic.Requests, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task Every_request_body_parses_strictly_as_its_livekit_protocol_message()
    {
        NodeSdk.EnsureAvailable();

        var parsed = await traffic.ParsedRequestsAsync();

        Assert.All(parsed, p => Assert.True(p.Error is null, $"{p.Request.Method}: {p.Error}\n{p.Request.RawBody}"));
    }

    [Fact]
    public async Task CreateSIPDispatchRule_keeps_numbers_the_agent_and_the_rule_kind()
    {
        NodeSdk.EnsureAvailable();

        var rule = (await traffic.ParsedAsync("CreateSIPDispatchRule"))[0].GetProperty("dispatch_rule");

        Assert.Equal(["+15550001111", "+15550001112"], Strings(rule.GetProperty("numbers")));
        Assert.Equal(["ST_Ru3NbK8cYw2L"], Strings(rule.GetProperty("trunk_ids")));
        Assert.Equal("sales-agent", rule.GetProperty("room_config").GetProperty("agents")[0].GetProperty("agent_name").GetString());
        Assert.Equal("JRP_NEVER", rule.GetProperty("room_config").GetProperty("agents")[0].GetProperty("restart_policy").GetString());
        Assert.Equal("call", rule.GetProperty("rule").GetProperty("dispatch_rule_individual").GetProperty("room_prefix").GetString());
        Assert.Equal(["dispatch_rule_individual"], Names(rule.GetProperty("rule")));
        Assert.Equal("sales", rule.GetProperty("attributes").GetProperty("line").GetString());
        Assert.True(rule.GetProperty("krisp_enabled").GetBoolean());
        Assert.Equal("SIP_MEDIA_ENCRYPT_ALLOW", rule.GetProperty("media").GetProperty("encryption").GetString());
        Assert.Equal("20s", rule.GetProperty("media").GetProperty("media_timeout").GetString());
    }

    [Fact]
    public async Task UpdateSIPDispatchRule_sends_each_form_as_its_oneof_member()
    {
        NodeSdk.EnsureAvailable();

        var parsed = await traffic.ParsedAsync("UpdateSIPDispatchRule");

        var update = parsed[0].GetProperty("update");
        Assert.Equal(["sip_dispatch_rule_id", "update"], Names(parsed[0]));
        Assert.Equal(["ST_Second00000A"], Strings(update.GetProperty("trunk_ids").GetProperty("add")));
        Assert.Equal("", update.GetProperty("name").GetString());
        Assert.Equal("", update.GetProperty("attributes").GetProperty("line").GetString());
        var replace = parsed[1].GetProperty("replace");
        Assert.Equal(["replace", "sip_dispatch_rule_id"], Names(parsed[1]));
        Assert.Equal("4321", replace.GetProperty("rule").GetProperty("dispatch_rule_callee").GetProperty("pin").GetString());
        Assert.Equal(["+14155550123"], Strings(replace.GetProperty("inbound_numbers")));
    }

    [Fact]
    public async Task Inbound_trunk_bodies_carry_durations_enums_and_list_updates()
    {
        NodeSdk.EnsureAvailable();

        var trunk = (await traffic.ParsedAsync("CreateSIPInboundTrunk"))[0].GetProperty("trunk");
        var updates = await traffic.ParsedAsync("UpdateSIPInboundTrunk");

        Assert.Equal("45s", trunk.GetProperty("ringing_timeout").GetString());
        Assert.Equal("3600s", trunk.GetProperty("max_call_duration").GetString());
        Assert.Equal("SIP_X_HEADERS", trunk.GetProperty("include_headers").GetString());
        Assert.Equal("sip.twilio.callSid", trunk.GetProperty("headers_to_attributes").GetProperty("X-Twilio-CallSid").GetString());
        Assert.Equal(["+15550001111"], Strings(trunk.GetProperty("numbers")));
        Assert.Equal(["+15550003333"], Strings(updates[0].GetProperty("update").GetProperty("numbers").GetProperty("set")));
        Assert.Equal("", updates[0].GetProperty("update").GetProperty("auth_password").GetString());
        Assert.Equal("twilio-replaced", updates[1].GetProperty("replace").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Dispatch_transfer_and_participant_bodies_say_what_we_meant()
    {
        NodeSdk.EnsureAvailable();

        var dispatch = (await traffic.ParsedAsync("CreateDispatch"))[0];
        var transfer = (await traffic.ParsedAsync("TransferSIPParticipant"))[0];
        var update = (await traffic.ParsedAsync("UpdateParticipant"))[0];
        var remove = (await traffic.ParsedAsync("RemoveParticipant"))[0];

        Assert.Equal(("sales-bot", Room, "JRP_NEVER"), (dispatch.GetProperty("agent_name").GetString(), dispatch.GetProperty("room").GetString(),
            dispatch.GetProperty("restart_policy").GetString()));
        Assert.Equal("spring", dispatch.GetProperty("attributes").GetProperty("campaign").GetString());
        Assert.Equal(("sip_+14155550123", "sip:+15550009999@pbx.example.com", "45s"), (transfer.GetProperty("participant_identity").GetString(),
            transfer.GetProperty("transfer_to").GetString(), transfer.GetProperty("ringing_timeout").GetString()));
        Assert.True(transfer.GetProperty("play_dialtone").GetBoolean());
        Assert.Equal("overflow", transfer.GetProperty("headers").GetProperty("X-Switchboard-Reason").GetString());
        Assert.Equal(["MICROPHONE"], Strings(update.GetProperty("permission").GetProperty("can_publish_sources")));
        Assert.Equal("acme", update.GetProperty("attributes").GetProperty("switchboard.tenant").GetString());
        Assert.Equal(("agent-1", Room), (remove.GetProperty("identity").GetString(), remove.GetProperty("room").GetString()));
    }

    [Fact]
    public async Task A_misspelt_field_is_refused_by_livekit_protocol()
    {
        NodeSdk.EnsureAvailable();

        var results = await NodeSdk.ParseWithProtocolAsync([("CreateSIPDispatchRuleRequest", """{"dispatch_rule":{"number":["+15550001111"]}}""")], Ct);

        Assert.Contains("number", results[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_of_the_stand_in_parses_strictly_as_LiveKits_response_message()
    {
        NodeSdk.EnsureAvailable();

        var parsed = await NodeSdk.ParseWithProtocolAsync(
            traffic.Requests.Select(r => (NodeSdk.TwirpMessages[r.Method!].Response, r.ResponseBody!)), Ct);

        Assert.All(parsed.Zip(traffic.Requests), p => Assert.True(p.First.Error is null, $"{p.Second.Method}: {p.First.Error}\n{p.Second.ResponseBody}"));
    }

    [Fact]
    public async Task The_SDK_TokenVerifier_accepts_every_token_with_exactly_the_least_grants()
    {
        NodeSdk.EnsureAvailable();
        var requests = traffic.Requests
            .Select(r => (object)new { mode = "token", key = LiveKitApi.ApiKey, secret = LiveKitApi.ApiSecret, token = r.BearerToken })
            .ToList();

        var results = await NodeSdk.RunAsync("verify.mjs", requests, Ct);

        Assert.All(results.Zip(traffic.Requests), pair =>
        {
            var (result, request) = pair;
            Assert.True(result.GetProperty("ok").GetBoolean(), $"{request.Method}: {result}");
            var claims = result.GetProperty("claims");
            Assert.Equal(ExpectedGrants(request.Method!), Grants(claims));
            Assert.InRange(claims.GetProperty("exp").GetInt64() - claims.GetProperty("nbf").GetInt64(), 60, 600);
        });
    }

    private static string ExpectedGrants(string method) => method switch
    {
        "CreateDispatch" or "ListDispatch" or "DeleteDispatch" or "RemoveParticipant" or "UpdateParticipant" or "ListParticipants" =>
            $$"""video={"roomAdmin":true,"room":"{{Room}}"}""",
        "TransferSIPParticipant" => $$"""sip={"call":true} video={"roomAdmin":true,"room":"{{Room}}"}""",
        "DeleteRoom" => """video={"roomCreate":true}""",
        _ => """sip={"admin":true}""",
    };

    /// <summary>The grant claims as <c>name=json</c>, sorted: anything beyond the expected grants shows up.</summary>
    private static string Grants(JsonElement claims) => string.Join(' ', claims.EnumerateObject()
        .Where(c => c.Name is not ("iss" or "nbf" or "iat" or "exp"))
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .Select(c => $"{c.Name}={c.Value.GetRawText()}"));

    private static string[] Strings(JsonElement list) => [.. list.EnumerateArray().Select(e => e.GetString()!)];

    private static string[] Names(JsonElement message) => [.. message.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>Runs the real client through every method against the stand-in once, and keeps what was sent.</summary>
    public sealed class ClientTraffic : IAsyncLifetime
    {
        private Task<IReadOnlyList<(StandInRequest Request, JsonElement? Message, string? Error)>>? _parsed;

        public IReadOnlyList<StandInRequest> Requests { get; private set; } = [];

        public async ValueTask InitializeAsync()
        {
            await using var api = await LiveKitApi.StartAsync();
            var ct = TestContext.Current.CancellationToken;
            var caller = api.LiveKit.AddSipParticipant(Room, "+14155550123", "+15550001111");
            api.LiveKit.AddAgentParticipant(Room, "agent-1");

            var dispatch = await api.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest
            {
                AgentName = "sales-bot",
                Room = Room,
                Metadata = """{"tenant":"acme"}""",
                RestartPolicy = JobRestartPolicy.Never,
                Deployment = "staging",
                Attributes = new Dictionary<string, string> { ["campaign"] = "spring" },
            }, ct);
            await api.Dispatch.ListDispatchAsync(Room, cancellationToken: ct);
            await api.Dispatch.ListDispatchAsync(Room, dispatch.Id, ct);
            await api.Dispatch.DeleteDispatchAsync(Room, dispatch.Id, ct);

            var rule = await api.Sip.CreateSipDispatchRuleAsync(new SipDispatchRuleInfo
            {
                Name = "sales line",
                TrunkIds = ["ST_Ru3NbK8cYw2L"],
                Numbers = ["+15550001111", "+15550001112"],
                Rule = new SipDispatchRule { DispatchRuleIndividual = new SipDispatchRuleIndividual { RoomPrefix = "call", NoRandomness = true } },
                Metadata = """{"tenant":"acme"}""",
                Attributes = new Dictionary<string, string> { ["line"] = "sales" },
                RoomConfig = new RoomConfiguration
                {
                    EmptyTimeout = 300,
                    Agents = [new RoomAgentDispatch { AgentName = "sales-agent", Metadata = """{"lang":"en"}""", RestartPolicy = JobRestartPolicy.Never }],
                    Tags = new Dictionary<string, string> { ["tenant"] = "acme" },
                },
                Media = new SipMediaConfig { Encryption = SipMediaEncryption.Allow, MediaTimeout = TimeSpan.FromSeconds(20), Codecs = [new SipCodec { Name = "PCMU", Rate = 8000 }] },
                KrispEnabled = true,
                HidePhoneNumber = false,
            }, ct);
            await api.Sip.UpdateSipDispatchRuleAsync(rule.SipDispatchRuleId, new SipDispatchRuleUpdate
            {
                TrunkIds = new ListUpdate { Add = ["ST_Second00000A"] },
                Name = "",
                Metadata = """{"tenant":"acme","v":2}""",
                Attributes = new Dictionary<string, string> { ["line"] = "", ["queue"] = "vip" },
            }, ct);
            await api.Sip.ReplaceSipDispatchRuleAsync(rule.SipDispatchRuleId, new SipDispatchRuleInfo
            {
                Name = "vip line",
                InboundNumbers = ["+14155550123"],
                Numbers = ["+15550001111"],
                Rule = new SipDispatchRule { DispatchRuleCallee = new SipDispatchRuleCallee { RoomPrefix = "vip", Pin = "4321", Randomize = true } },
                HidePhoneNumber = true,
            }, ct);
            await api.Sip.ListSipDispatchRuleAsync(new ListSipDispatchRuleRequest { TrunkIds = ["ST_Ru3NbK8cYw2L"], Page = new Pagination { Limit = 10 } }, ct);
            await api.Sip.ListSipDispatchRuleAsync(new ListSipDispatchRuleRequest { DispatchRuleIds = [rule.SipDispatchRuleId] }, ct);

            var trunk = await api.Sip.CreateSipInboundTrunkAsync(new SipInboundTrunkInfo
            {
                Name = "twilio",
                Metadata = """{"provider":"twilio"}""",
                Numbers = ["+15550001111"],
                AllowedAddresses = ["54.172.60.0/30"],
                AllowedNumbers = ["+14155550123"],
                AuthUsername = "switchboard",
                AuthPassword = "trunk-password",
                Headers = new Dictionary<string, string> { ["X-Switchboard"] = "1" },
                HeadersToAttributes = new Dictionary<string, string> { ["X-Twilio-CallSid"] = "sip.twilio.callSid" },
                IncludeHeaders = SipHeaderOptions.XHeaders,
                RingingTimeout = TimeSpan.FromSeconds(45),
                MaxCallDuration = TimeSpan.FromHours(1),
                KrispEnabled = true,
                Media = new SipMediaConfig { OnlyListedCodecs = true, Codecs = [new SipCodec { Name = "opus", Rate = 48000 }] },
            }, ct);
            await api.Sip.UpdateSipInboundTrunkAsync(trunk.SipTrunkId, new SipInboundTrunkUpdate
            {
                Numbers = new ListUpdate { Set = ["+15550003333"] },
                AllowedAddresses = new ListUpdate { Clear = true },
                AuthPassword = "",
                Name = "twilio-2",
            }, ct);
            await api.Sip.ReplaceSipInboundTrunkAsync(trunk.SipTrunkId, new SipInboundTrunkInfo { Name = "twilio-replaced", Numbers = ["+15550004444"] }, ct);
            await api.Sip.ListSipInboundTrunkAsync(new ListSipInboundTrunkRequest { Numbers = ["+15550004444"], TrunkIds = [trunk.SipTrunkId] }, ct);

            await api.Rooms.UpdateParticipantAsync(new UpdateParticipantRequest
            {
                Room = Room,
                Identity = caller.Identity,
                Name = "Caller",
                Metadata = """{"lead":"L-1"}""",
                Permission = new ParticipantPermissions { CanSubscribe = true, CanPublish = true, CanPublishSources = [TrackSource.Microphone] },
                Attributes = new Dictionary<string, string> { ["switchboard.tenant"] = "acme" },
            }, ct);
            await api.Rooms.ListParticipantsAsync(Room, ct);
            await api.Sip.TransferSipParticipantAsync(new TransferSipParticipantRequest
            {
                RoomName = Room,
                ParticipantIdentity = caller.Identity,
                TransferTo = "sip:+15550009999@pbx.example.com",
                PlayDialtone = true,
                Headers = new Dictionary<string, string> { ["X-Switchboard-Reason"] = "overflow" },
                RingingTimeout = TimeSpan.FromSeconds(45),
            }, ct);
            await api.Rooms.RemoveParticipantAsync(Room, "agent-1", ct);
            await api.Sip.DeleteSipDispatchRuleAsync(rule.SipDispatchRuleId, ct);
            await api.Rooms.DeleteRoomAsync(Room, ct);
            Requests = api.LiveKit.Requests;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public Task<IReadOnlyList<(StandInRequest Request, JsonElement? Message, string? Error)>> ParsedRequestsAsync() => _parsed ??= ParseAsync();

        /// <summary>The parsed request bodies sent to <paramref name="method"/>, in order; fails if any did not parse.</summary>
        public async Task<IReadOnlyList<JsonElement>> ParsedAsync(string method)
        {
            var parsed = (await ParsedRequestsAsync()).Where(p => p.Request.Method == method).ToList();
            Assert.NotEmpty(parsed);
            Assert.All(parsed, p => Assert.True(p.Error is null, $"{method}: {p.Error}"));
            return [.. parsed.Select(p => p.Message!.Value)];
        }

        private async Task<IReadOnlyList<(StandInRequest Request, JsonElement? Message, string? Error)>> ParseAsync()
        {
            var results = await NodeSdk.ParseWithProtocolAsync(Requests.Select(r => (NodeSdk.TwirpMessages[r.Method!].Request, r.RawBody)), CancellationToken.None);
            return [.. Requests.Zip(results, (request, result) => (request, result.Message, result.Error))];
        }
    }
}
