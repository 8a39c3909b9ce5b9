using Switchboard.Core.DispatchRules;
using Xunit;

namespace Switchboard.Core.Tests.DispatchRules;

public sealed class LiveKitRulesJsonTests
{
    /// <summary>A rule as LiveKit's Twirp API answers (livekit.md §3.2): every field present, nulls for unset messages, enum names.</summary>
    private const string TwirpRule = """
        {"sip_dispatch_rule_id":"SDR_Gt6VjH4nMx9Q",
         "rule":{"dispatch_rule_individual":{"room_prefix":"call","pin":"","no_randomness":false}},
         "trunk_ids":["ST_Ru3NbK8cYw2L"],"hide_phone_number":false,"inbound_numbers":[],"numbers":["+15550001111"],
         "name":"sales line","metadata":"{\"tenant\":\"acme\"}","attributes":{"line":"sales"},"room_preset":"",
         "room_config":{"name":"","empty_timeout":0,"departure_timeout":0,"max_participants":0,"metadata":"","egress":null,
           "min_playout_delay":0,"max_playout_delay":0,"sync_streams":false,
           "agents":[{"agent_name":"sales-agent","metadata":"{\"lang\":\"en\"}","restart_policy":"JRP_ON_FAILURE","deployment":"","attributes":{}}],
           "tags":{}},
         "media":{"only_listed_codecs":false,"codecs":[],"encryption":null,"media_timeout":null},
         "krisp_enabled":true,"media_encryption":"SIP_MEDIA_ENCRYPT_DISABLE","created_at":null,"updated_at":null}
        """;

    /// <summary>The same rule as the writer prints it (one line; broken here for reading).</summary>
    private static readonly string TwirpRuleWritten = """
        {"trunks":[],"dispatch_rules":[{"sip_dispatch_rule_id":"SDR_Gt6VjH4nMx9Q","rule":{"dispatch_rule_individual":{"room_prefix":"call"}},
        "trunk_ids":["ST_Ru3NbK8cYw2L"],"numbers":["+15550001111"],"name":"sales line","metadata":"{\"tenant\":\"acme\"}","attributes":{"line":"sales"},
        "room_config":{"agents":[{"agent_name":"sales-agent","metadata":"{\"lang\":\"en\"}"}]},
        "media":{"only_listed_codecs":false,"codecs":[],"encryption":null,"media_timeout":null},"krisp_enabled":true}]}
        """.ReplaceLineEndings("");

    [Fact]
    public void A_rule_as_twirp_answers_it_reads_whole()
    {
        var rules = LiveKitRulesJson.Read($$"""{"dispatch_rules": [{{TwirpRule}}]}""");

        var rule = Assert.Single(rules.DispatchRules);
        Assert.Equal(("SDR_Gt6VjH4nMx9Q", DispatchRuleKind.Individual, "call"), (rule.Id, rule.Kind, rule.Room));
        Assert.Equal(["ST_Ru3NbK8cYw2L"], rule.TrunkIds);
        Assert.Equal(["+15550001111"], rule.Numbers);
        Assert.Equal(("sales line", "{\"tenant\":\"acme\"}", true), (rule.Name, rule.Metadata, rule.KrispEnabled));
        Assert.Equal("sales", rule.Attributes["line"]);
        Assert.Equal(("sales-agent", "{\"lang\":\"en\"}", "JRP_ON_FAILURE"), (rule.Agents[0].AgentName, rule.Agents[0].Metadata, rule.Agents[0].RestartPolicy));
        Assert.Null(rule.RoomConfig!.Egress);
        Assert.True(rule.Media.HasValue);
    }

    [Fact]
    public void A_twirp_rule_is_written_in_proto_names_without_defaults()
    {
        var rules = LiveKitRulesJson.Read($$"""{"dispatch_rules": [{{TwirpRule}}]}""");

        var json = LiveKitRulesJson.Write(rules);

        Assert.Equal(TwirpRuleWritten, json);
    }

    [Fact]
    public void A_listing_of_items_reads_trunks_and_rules_alike()
    {
        var rules = LiveKitRulesJson.Read($$"""{"items": [{"sip_trunk_id": "ST_a", "numbers": ["+15550001111"]}, {{TwirpRule}}]}""");

        Assert.Equal(["ST_a"], rules.Trunks.Select(t => t.Id));
        Assert.Equal(["SDR_Gt6VjH4nMx9Q"], rules.DispatchRules.Select(r => r.Id));
    }

    [Fact]
    public void Lower_camel_case_names_read_as_the_proto_names()
    {
        const string camel = """
            {"trunks": [{"sipTrunkId": "ST_a", "numbers": ["+15550001111"], "allowedAddresses": ["54.172.60.0/30"], "allowedNumbers": ["+14155550123"],
                         "authUsername": "u", "authPassword": "p", "headersToAttributes": {"X-Lead": "lead"}, "includeHeaders": "SIP_X_HEADERS",
                         "ringingTimeout": "30s", "maxCallDuration": "3600s", "krispEnabled": true}],
             "dispatchRules": [{"sipDispatchRuleId": "SDR_a", "rule": {"dispatchRuleCallee": {"roomPrefix": "line", "randomize": true}},
                                "trunkIds": ["ST_a"], "hidePhoneNumber": true, "inboundNumbers": ["+14155550123"], "roomPreset": "p",
                                "roomConfig": {"emptyTimeout": 30, "agents": [{"agentName": "bot", "restartPolicy": "JRP_NEVER"}]}}]}
            """;
        const string snake = """
            {"trunks": [{"sip_trunk_id": "ST_a", "numbers": ["+15550001111"], "allowed_addresses": ["54.172.60.0/30"], "allowed_numbers": ["+14155550123"],
                         "auth_username": "u", "auth_password": "p", "headers_to_attributes": {"X-Lead": "lead"}, "include_headers": "SIP_X_HEADERS",
                         "ringing_timeout": "30s", "max_call_duration": "3600s", "krisp_enabled": true}],
             "dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_callee": {"room_prefix": "line", "randomize": true}},
                                "trunk_ids": ["ST_a"], "hide_phone_number": true, "inbound_numbers": ["+14155550123"], "room_preset": "p",
                                "room_config": {"empty_timeout": 30, "agents": [{"agent_name": "bot", "restart_policy": "JRP_NEVER"}]}}]}
            """;

        var fromCamel = LiveKitRulesJson.Write(LiveKitRulesJson.Read(camel));
        var fromSnake = LiveKitRulesJson.Write(LiveKitRulesJson.Read(snake));

        Assert.Equal(fromSnake, fromCamel);
        Assert.Contains("\"headers_to_attributes\":{\"X-Lead\":\"lead\"}", fromSnake, StringComparison.Ordinal);
        Assert.Contains("\"rule\":{\"dispatch_rule_callee\":{\"room_prefix\":\"line\",\"randomize\":true}}", fromSnake, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_field_round_trips_exactly()
    {
        const string all = """
            {"trunks":[{"sip_trunk_id":"ST_a","name":"Twilio","metadata":"m","numbers":["+15550001111","15550001111"],"allowed_addresses":["54.172.60.0/30","bad, entry"],
              "allowed_numbers":["+14155550123"],"auth_username":"u","auth_password":"p","auth_realm":"r","headers":{"X-A":"1"},"headers_to_attributes":{"X-B":"b"},
              "attributes_to_headers":{"c":"X-C"},"include_headers":"SIP_ALL_HEADERS","ringing_timeout":"1.5s","max_call_duration":"3600s","krisp_enabled":true,
              "media_encryption":"SIP_MEDIA_ENCRYPT_REQUIRE","media":{"codecs":[{"name":"PCMU","rate":8000}],"encryption":"SIP_MEDIA_ENCRYPT_ALLOW"}}],
             "dispatch_rules":[{"sip_dispatch_rule_id":"SDR_a","rule":{"dispatch_rule_direct":{"room_name":"vip","pin":"0042"}},"trunk_ids":["ST_a"],
              "hide_phone_number":true,"inbound_numbers":["+14155550123"],"numbers":["+15550001111"],"name":"VIP","metadata":"{}","attributes":{"a":"1","b":"2"},
              "room_preset":"preset","room_config":{"name":"n","empty_timeout":1,"departure_timeout":2,"max_participants":3,"metadata":"md","egress":{"room":{"file_outputs":[]}},
              "min_playout_delay":4,"max_playout_delay":5,"sync_streams":true,"agents":[{"agent_name":"a1","metadata":"x","restart_policy":"JRP_NEVER","deployment":"prod",
              "attributes":{"k":"v"}},{"agent_name":"a2"}],"tags":{"t":"1"}},"media":{"only_listed_codecs":true},"krisp_enabled":true,"media_encryption":"SIP_MEDIA_ENCRYPT_ALLOW"},
              {"sip_dispatch_rule_id":"SDR_b","rule":{"dispatch_rule_individual":{"room_prefix":"call","pin":"1","no_randomness":true}}}]}
            """;

        var once = LiveKitRulesJson.Write(LiveKitRulesJson.Read(all));
        var twice = LiveKitRulesJson.Write(LiveKitRulesJson.Read(once));

        var compact = System.Text.Json.Nodes.JsonNode.Parse(all)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Equal(compact, once);
        Assert.Equal(once, twice);
    }

    [Fact]
    public void Enums_read_by_number_are_written_by_name()
    {
        var rules = LiveKitRulesJson.Read("""{"trunks": [{"sip_trunk_id": "ST_a", "numbers": ["1"], "include_headers": 1, "media_encryption": 0}]}""");

        var json = LiveKitRulesJson.Write(rules);

        Assert.Equal("""{"trunks":[{"sip_trunk_id":"ST_a","numbers":["1"],"include_headers":"SIP_X_HEADERS"}],"dispatch_rules":[]}""", json);
    }

    [Fact]
    public void Integers_may_be_strings_and_output_only_fields_are_dropped()
    {
        var rules = LiveKitRulesJson.Read("""
            {"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {"room_name": "r"}},
              "room_config": {"max_participants": "2"}, "created_at": "2026-03-12T10:00:00Z", "updated_at": null}]}
            """);

        var json = LiveKitRulesJson.Write(rules);

        Assert.Equal("""{"trunks":[],"dispatch_rules":[{"sip_dispatch_rule_id":"SDR_a","rule":{"dispatch_rule_direct":{"room_name":"r"}},"room_config":{"max_participants":2}}]}""", json);
    }

    [Fact]
    public void Empty_rules_write_empty_lists_and_read_back_empty()
    {
        var json = LiveKitRulesJson.Write(LiveKitRules.Empty);

        Assert.Equal("""{"trunks":[],"dispatch_rules":[]}""", json);
        Assert.True(LiveKitRulesJson.Read(json).IsEmpty);
        Assert.True(LiveKitRulesJson.Read("{}").IsEmpty);
    }

    [Theory]
    // unknown fields, with their path: a misspelt filter must not pass silently
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {}}, "number": ["+1"]}]}""", "dispatch_rules[0].number", "unknown key (did you mean 'numbers'?)")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {}}, "TrunkIds": []}]}""", "dispatch_rules[0].TrunkIds", "unknown key")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {}}, "trunkIDs": []}]}""", "dispatch_rules[0].trunkIDs", "did you mean 'trunk_ids'?")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "allowed_address": []}]}""", "trunks[0].allowed_address", "did you mean 'allowed_addresses'?")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "allowedNumber": []}]}""", "trunks[0].allowedNumber", "did you mean 'allowed_numbers'?")]
    [InlineData("""{"trunk": []}""", "trunk", "unknown key")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_individual": {"room_name": "x"}}}]}""", "dispatch_rules[0].rule.dispatch_rule_individual.room_name", "unknown key (expected one of: room_prefix, pin, no_randomness)")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_dynamic": {"url": "https://x"}}}]}""", "dispatch_rules[0].rule.dispatch_rule_dynamic", "unknown key")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {}}, "room_config": {"agents": [{"agent": "a"}]}}]}""", "dispatch_rules[0].room_config.agents[0].agent", "unknown key")]
    // names
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {}}, "trunk_ids": [], "trunkIds": []}]}""", "dispatch_rules[0].trunkIds", "given twice, as 'trunk_ids' and 'trunkIds'")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "name": "a", "name": "b"}]}""", "$", "not valid JSON")]
    // the oneof
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a"}]}""", "dispatch_rules[0].rule", "is required")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {}}]}""", "dispatch_rules[0].rule", "needs one of dispatch_rule_direct")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": null}}]}""", "dispatch_rules[0].rule", "needs one of")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {}, "dispatchRuleCallee": {}}}]}""", "dispatch_rules[0].rule", "sets 2 kinds")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": "individual"}]}""", "dispatch_rules[0].rule", "must be an object, not a string")]
    // ids
    [InlineData("""{"trunks": [{"numbers": ["+1"]}]}""", "trunks[0].sip_trunk_id", "is required")]
    [InlineData("""{"trunks": [{"sip_trunk_id": ""}]}""", "trunks[0].sip_trunk_id", "must not be empty")]
    [InlineData("""{"trunks": [{"sip_trunk_id": 7}]}""", "trunks[0].sip_trunk_id", "must be a string, not a number (quote it: \"7\")")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a"}, {"sipTrunkId": "ST_a"}]}""", "trunks[1].sipTrunkId", "duplicate trunk id 'ST_a' (also at trunks[0])")]
    [InlineData("""{"dispatch_rules": [{"rule": {"dispatch_rule_direct": {}}}]}""", "dispatch_rules[0].sip_dispatch_rule_id", "is required")]
    // values
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "numbers": [15550001111]}]}""", "trunks[0].numbers[0]", "must be a string, not a number (quote it: \"15550001111\")")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "numbers": "+15550001111"}]}""", "trunks[0].numbers", "must be a list, not a string")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "numbers": [null]}]}""", "trunks[0].numbers[0]", "must be a string, not null")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "krisp_enabled": "true"}]}""", "trunks[0].krisp_enabled", "must be true or false, not a string")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "include_headers": "SIP_SOME_HEADERS"}]}""", "trunks[0].include_headers", "must be one of SIP_NO_HEADERS, SIP_X_HEADERS, SIP_ALL_HEADERS")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "media_encryption": 3}]}""", "trunks[0].media_encryption", "must be one of")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "ringing_timeout": "30"}]}""", "trunks[0].ringing_timeout", "must be a duration in seconds")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "ringing_timeout": 30}]}""", "trunks[0].ringing_timeout", "must be a string")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "headers": {"X-A": 1}}]}""", "trunks[0].headers.X-A", "must be a string")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "headers": ["X-A"]}]}""", "trunks[0].headers", "must be an object, not a list")]
    [InlineData("""{"trunks": [{"sip_trunk_id": "ST_a", "media": "none"}]}""", "trunks[0].media", "must be an object")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {"pin": 1234}}}]}""", "dispatch_rules[0].rule.dispatch_rule_direct.pin", "quote it: \"1234\"")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {}}, "room_config": {"empty_timeout": -1}}]}""", "dispatch_rules[0].room_config.empty_timeout", "must be a whole number")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {}}, "room_config": {"empty_timeout": 1.5}}]}""", "dispatch_rules[0].room_config.empty_timeout", "must be a whole number")]
    [InlineData("""{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {}}, "room_config": {"agents": {"agent_name": "a"}}}]}""", "dispatch_rules[0].room_config.agents", "must be a list, not an object")]
    [InlineData("""{"trunks": ["ST_a"]}""", "trunks[0]", "must be an object, not a string")]
    [InlineData("""[]""", "$", "must be an object with trunks and dispatch_rules, not a list")]
    [InlineData("""{"trunks": [}""", "$", "not valid JSON")]
    public void Bad_input_is_an_error_at_its_path(string json, string path, string message)
    {
        var parsed = LiveKitRulesJson.Parse(json);

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_is_reported_not_only_the_first()
    {
        var parsed = LiveKitRulesJson.Parse("""{"trunks": [{"sip_trunk_id": "ST_a", "numbrs": []}], "dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {}, "nmae": "x"}]}""");

        Assert.Equal(["trunks[0].numbrs", "dispatch_rules[0].nmae", "dispatch_rules[0].rule"], parsed.Errors.Select(e => e.Path));
        Assert.Null(parsed.Rules);
    }

    [Fact]
    public void Read_throws_a_format_exception_listing_the_errors()
    {
        var thrown = Assert.Throws<FormatException>(() => LiveKitRulesJson.Read("""{"trunks": [{"sip_trunk_id": "ST_a", "numbrs": []}]}"""));

        Assert.Contains("trunks[0].numbrs: unknown key (did you mean 'numbers'?)", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_does_not_check_conflicts()
    {
        var parsed = LiveKitRulesJson.Parse("""{"trunks": [{"sip_trunk_id": "ST_a"}, {"sip_trunk_id": "ST_b"}]}""");

        Assert.True(parsed.IsValid);
        Assert.Equal(2, LiveKitRulesValidation.Validate(parsed.Rules).Count(e => e.Path == "trunks[1]"));
    }
}
