using Switchboard.Core.Configuration;
using Switchboard.Core.DispatchRules;
using Xunit;

namespace Switchboard.Core.Tests.Configuration;

/// <summary>The optional <c>livekit</c> section: LiveKit's trunks and dispatch rules, read, validated and written with the rest.</summary>
public sealed class LiveKitSectionTests
{
    private const string Section = """
        default_agent: front-desk
        livekit:
          trunks:
            - sip_trunk_id: ST_sales
              name: Sales line
              numbers: ["+15550001111"]
              allowed_addresses: [54.172.60.0/30, 54.244.51.0/30]
          dispatch_rules:
            - sip_dispatch_rule_id: SDR_sales
              name: sales
              trunk_ids: [ST_sales]
              rule: { dispatch_rule_individual: { room_prefix: call } }
              room_config: { agents: [ { agent_name: sales-agent, metadata: '{"lang":"en"}' } ] }
            - sip_dispatch_rule_id: SDR_vip
              trunk_ids: [ST_sales]
              inbound_numbers: ["+14155550123"]
              rule: { dispatch_rule_direct: { room_name: vip, pin: "0042" } }
        """;

    [Fact]
    public void The_section_reads_into_trunks_and_rules()
    {
        var result = ConfigParser.Parse(Section);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var liveKit = result.Config.LiveKit;
        var trunk = Assert.Single(liveKit.Trunks);
        Assert.Equal(("ST_sales", "Sales line"), (trunk.Id, trunk.Name));
        Assert.Equal(["+15550001111"], trunk.Numbers);
        Assert.Equal(["54.172.60.0/30", "54.244.51.0/30"], trunk.AllowedAddresses);
        Assert.Equal(["SDR_sales", "SDR_vip"], liveKit.DispatchRules.Select(r => r.Id));
        Assert.Equal((DispatchRuleKind.Individual, "call"), (liveKit.DispatchRules[0].Kind, liveKit.DispatchRules[0].Room));
        Assert.Equal(("sales-agent", "{\"lang\":\"en\"}"), (liveKit.DispatchRules[0].Agents[0].AgentName, liveKit.DispatchRules[0].Agents[0].Metadata));
        Assert.Equal((DispatchRuleKind.Direct, "vip", "0042"), (liveKit.DispatchRules[1].Kind, liveKit.DispatchRules[1].Room, liveKit.DispatchRules[1].Pin));
    }

    [Fact]
    public void The_same_section_in_json_with_camel_case_names_reads_the_same()
    {
        const string json = """
            {"default_agent": "front-desk",
             "livekit": {"trunks": [{"sipTrunkId": "ST_sales", "name": "Sales line", "numbers": ["+15550001111"], "allowedAddresses": ["54.172.60.0/30", "54.244.51.0/30"]}],
                         "dispatchRules": [{"sipDispatchRuleId": "SDR_sales", "name": "sales", "trunkIds": ["ST_sales"], "rule": {"dispatchRuleIndividual": {"roomPrefix": "call"}},
                                            "roomConfig": {"agents": [{"agentName": "sales-agent", "metadata": "{\"lang\":\"en\"}"}]}},
                                           {"sipDispatchRuleId": "SDR_vip", "trunkIds": ["ST_sales"], "inboundNumbers": ["+14155550123"],
                                            "rule": {"dispatchRuleDirect": {"roomName": "vip", "pin": "0042"}}}]}}
            """;

        var fromJson = ConfigParser.Parse(json).Config!.LiveKit;
        var fromYaml = ConfigParser.Parse(Section).Config!.LiveKit;

        Assert.Equal(LiveKitRulesJson.Write(fromYaml), LiveKitRulesJson.Write(fromJson));
    }

    [Fact]
    public void Without_the_section_there_are_no_rules_and_the_table_has_none()
    {
        var config = ConfigParser.Parse("default_agent: front-desk").Config!;

        Assert.Same(LiveKitRules.Empty, config.LiveKit);
        Assert.Null(config.ToRoutingTable(1).DispatchRules);
        Assert.DoesNotContain("livekit", ConfigWriter.ToYaml(config), StringComparison.Ordinal);
        Assert.DoesNotContain("livekit", ConfigWriter.ToJson(config), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("livekit:")]
    [InlineData("livekit: {}")]
    [InlineData("livekit: {trunks: [], dispatch_rules: []}")]
    public void An_empty_section_is_no_rules(string yaml)
    {
        var config = ConfigParser.Parse(yaml).Config!;

        Assert.True(config.LiveKit.IsEmpty);
        Assert.Null(config.ToRoutingTable(1).DispatchRules);
    }

    [Fact]
    public void The_routing_table_carries_the_rules_sorted_for_matching()
    {
        var table = ConfigParser.Parse(Section).Config!.ToRoutingTable(3);

        var result = table.DispatchRules!.Evaluate(new DispatchRequest { Calling = "+12125550199", Called = "+15550001111", SourceIp = "54.172.60.2" }, () => "Ab3dEf6hJk9m");

        Assert.Equal((DispatchOutcome.Accept, "ST_sales", "SDR_sales", "call_+12125550199_Ab3dEf6hJk9m"), (result.Outcome, result.TrunkId, result.RuleId, result.RoomName));
    }

    [Fact]
    public void Yaml_export_writes_the_section_in_proto_names_and_reads_back_the_same()
    {
        var config = ConfigParser.Parse(Section).Config!;

        var yaml = ConfigWriter.ToYaml(config);
        var again = ConfigParser.Parse(yaml);

        Assert.EndsWith(
            """
            livekit:
              trunks:
                - sip_trunk_id: ST_sales
                  name: Sales line
                  numbers:
                    - "+15550001111"
                  allowed_addresses:
                    - "54.172.60.0/30"
                    - "54.244.51.0/30"
              dispatch_rules:
                - sip_dispatch_rule_id: SDR_sales
                  rule:
                    dispatch_rule_individual:
                      room_prefix: call
                  trunk_ids:
                    - ST_sales
                  name: sales
                  room_config:
                    agents:
                      - agent_name: sales-agent
                        metadata: "{\"lang\":\"en\"}"
                - sip_dispatch_rule_id: SDR_vip
                  rule:
                    dispatch_rule_direct:
                      room_name: vip
                      pin: "0042"
                  trunk_ids:
                    - ST_sales
                  inbound_numbers:
                    - "+14155550123"

            """.ReplaceLineEndings("\n"),
            yaml.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.True(again.IsValid, string.Join("\n", again.Errors));
        Assert.Equal(yaml, ConfigWriter.ToYaml(again.Config));
        Assert.Equal(LiveKitRulesJson.Write(config.LiveKit), LiveKitRulesJson.Write(again.Config.LiveKit));
    }

    [Fact]
    public void Json_export_reads_back_the_same()
    {
        var config = ConfigParser.Parse(Section).Config!;

        var json = ConfigWriter.ToJson(config);
        var again = ConfigParser.Parse(json);

        Assert.Contains("\"livekit\": {", json, StringComparison.Ordinal);
        Assert.Contains("\"sip_dispatch_rule_id\": \"SDR_sales\"", json, StringComparison.Ordinal);
        Assert.True(again.IsValid, string.Join("\n", again.Errors));
        Assert.Equal(json, ConfigWriter.ToJson(again.Config));
    }

    [Fact]
    public void Every_field_survives_export_to_yaml_and_back()
    {
        const string all = """
            {"trunks":[{"sip_trunk_id":"ST_a","name":"Twilio","metadata":"{\"a\":1}","numbers":["+15550001111","15550001111"],"allowed_addresses":["54.172.60.0/30"],
              "allowed_numbers":["+14155550123"],"auth_username":"u","auth_password":"p: # !","auth_realm":"r","headers":{"X-A":"1"},"headers_to_attributes":{"X-B":"b"},
              "attributes_to_headers":{"c":"X-C"},"include_headers":"SIP_ALL_HEADERS","ringing_timeout":"1.5s","max_call_duration":"3600s","krisp_enabled":true,
              "media_encryption":"SIP_MEDIA_ENCRYPT_REQUIRE","media":{"codecs":[{"name":"PCMU","rate":8000}],"encryption":"SIP_MEDIA_ENCRYPT_ALLOW","x":null,"y":true,"z":[]}}],
             "dispatch_rules":[{"sip_dispatch_rule_id":"SDR_a","rule":{"dispatch_rule_callee":{"room_prefix":"007","pin":"0042","randomize":true}},"trunk_ids":["ST_a"],
              "hide_phone_number":true,"inbound_numbers":["+14155550123"],"numbers":["+15550001111"],"name":"yes","metadata":"null","attributes":{"on":"true","n":"1"},
              "room_preset":"preset","room_config":{"name":"~","empty_timeout":1,"departure_timeout":2,"max_participants":3,"metadata":"","egress":{"room":{}},
              "min_playout_delay":4,"max_playout_delay":5,"sync_streams":true,"agents":[{"agent_name":"a1","metadata":"x","restart_policy":"JRP_NEVER","deployment":"prod",
              "attributes":{"k":"v"}}],"tags":{"t":"1"}},"media":{"only_listed_codecs":true},"krisp_enabled":true,"media_encryption":"SIP_MEDIA_ENCRYPT_ALLOW"}]}
            """;
        var rules = LiveKitRulesJson.Read(all);
        var config = SwitchboardConfig.Empty with { LiveKit = rules };

        var back = ConfigParser.Parse(ConfigWriter.ToYaml(config));

        Assert.True(back.IsValid, string.Join("\n", back.Errors));
        Assert.Equal(LiveKitRulesJson.Write(rules), LiveKitRulesJson.Write(back.Config.LiveKit));
    }

    [Theory]
    // the schema, at its path under livekit
    [InlineData("livekit: [a]", "livekit", "must be a mapping with trunks and dispatch_rules")]
    [InlineData("livekit: {rules: []}", "livekit.rules", "unknown key")]
    [InlineData("livekit: {trunks: [{sip_trunk_id: ST_a, number: ['+15550001111']}]}", "livekit.trunks[0].number", "did you mean 'numbers'?")]
    [InlineData("livekit: {trunks: [{numbers: ['+15550001111']}]}", "livekit.trunks[0].sip_trunk_id", "is required")]
    [InlineData("livekit: {trunks: [{sip_trunk_id: '', numbers: ['+15550001111']}]}", "livekit.trunks[0].sip_trunk_id", "must not be empty")]
    [InlineData("livekit: {trunks: [{sip_trunk_id: ST_a, numbers: ['1']}, {sip_trunk_id: ST_a, numbers: ['2']}]}", "livekit.trunks[1].sip_trunk_id", "duplicate trunk id 'ST_a' (also at livekit.trunks[0])")]
    [InlineData("livekit: {dispatch_rules: [{rule: {dispatch_rule_direct: {room_name: r}}}]}", "livekit.dispatch_rules[0].sip_dispatch_rule_id", "is required")]
    [InlineData("livekit: {dispatch_rules: [{sip_dispatch_rule_id: SDR_a}]}", "livekit.dispatch_rules[0].rule", "is required")]
    [InlineData("livekit: {dispatch_rules: [{sip_dispatch_rule_id: SDR_a, rule: {dispatch_rule_direct: {}}}, {sip_dispatch_rule_id: SDR_b, rule: {dispatch_rule_direct: {}}, numbers: ['+1', 15550001111]}]}",
        "livekit.dispatch_rules[1].numbers[1]", "must be a string, not a number (quote it: \"15550001111\")")]
    [InlineData("livekit: {dispatch_rules: [{sip_dispatch_rule_id: SDR_a, rule: {dispatch_rule_direct: {pin: 1234}}}]}", "livekit.dispatch_rules[0].rule.dispatch_rule_direct.pin", "quote it")]
    [InlineData("livekit: {dispatch_rules: [{sip_dispatch_rule_id: SDR_a, rule: {dispatch_rule_direct: {}}, hide_phone_number: yes}]}", "livekit.dispatch_rules[0].hide_phone_number", "must be true or false, not a string")]
    [InlineData("livekit: {dispatch_rules: [{sip_dispatch_rule_id: SDR_a, rule: {dispatch_rule_direct: {}}, metadata: {lang: en}}]}", "livekit.dispatch_rules[0].metadata", "must be a string, not an object")]
    [InlineData("livekit: {dispatch_rules: [{sip_dispatch_rule_id: SDR_a, rule: {dispatch_rule_direct: {}, dispatch_rule_callee: {}}}]}", "livekit.dispatch_rules[0].rule", "sets 2 kinds")]
    [InlineData("livekit: {trunks: [], trunks: []}", "livekit.trunks", "duplicate key")]
    [InlineData("livekit: {trunks: [{sip_trunk_id: ST_a, numbers: ['1'], numbers: ['2']}]}", "livekit.trunks[0].numbers", "duplicate key")]
    [InlineData("livekit: {trunks: [{sip_trunk_id: ST_a, numbers: ['1'], allowedNumbers: [], allowed_numbers: []}]}", "livekit.trunks[0].allowed_numbers", "given twice, as 'allowedNumbers' and 'allowed_numbers'")]
    [InlineData("x: &t {sip_trunk_id: ST_a, numbers: ['1']}\nlivekit: {trunks: [{<<: *t}]}", "livekit.trunks[0][\"<<\"]", "YAML merge keys (<<) are not supported")]
    // what LiveKit refuses on create, as configuration errors
    [InlineData("livekit: {dispatch_rules: [{sip_dispatch_rule_id: SDR_1, name: all, rule: {dispatch_rule_individual: {room_prefix: a}}}, {sip_dispatch_rule_id: SDR_2, rule: {dispatch_rule_direct: {room_name: b}}}]}",
        "livekit.dispatch_rules[1]", "Dispatch rule for the same trunk, inbound number, number, and PIN combination already exists in dispatch rule \"SDR_1\" \"all\"")]
    [InlineData("livekit: {trunks: [{sip_trunk_id: ST_1, numbers: ['+15550001111']}, {sip_trunk_id: ST_2, numbers: ['15550001111']}]}",
        "livekit.trunks[1]", "Conflicting inbound SIP Trunks: \"ST_1\" and \"ST_2\", using the same number +15550001111 and any caller (no allowed_numbers)")]
    [InlineData("livekit: {trunks: [{sip_trunk_id: ST_open, name: everything}]}", "livekit.trunks[0]", "LiveKit refuses an inbound trunk without numbers, allowed_addresses or auth_username and auth_password")]
    public void A_bad_section_refuses_the_whole_file_with_the_error_at_its_path(string yaml, string path, string fragment)
    {
        var result = ConfigParser.Parse("default_agent: front-desk\n" + yaml);

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Conflicts_are_checked_only_once_the_section_reads_cleanly()
    {
        var result = ConfigParser.Parse("livekit: {trunks: [{sip_trunk_id: ST_1}, {sip_trunk_id: ST_2, colour: red}]}");

        Assert.Equal([new ConfigError("livekit.trunks[1].colour", "unknown key (expected one of: sip_trunk_id, name, metadata, numbers, allowed_addresses, allowed_numbers, auth_username, auth_password, auth_realm, headers, headers_to_attributes, attributes_to_headers, include_headers, ringing_timeout, max_call_duration, krisp_enabled, media_encryption, media, created_at, updated_at)")], result.Errors);
    }

    [Fact]
    public void Errors_in_tenants_and_in_the_section_are_all_reported()
    {
        var result = ConfigParser.Parse("tenants: [{id: Acme, name: A}]\nlivekit: {trunks: [{sip_trunk_id: ST_1, numbrs: []}]}");

        Assert.Equal(["tenants[0].id", "livekit.trunks[0].numbrs"], result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void An_exported_lk_listing_pasted_as_the_section_is_accepted()
    {
        const string pasted = """
            {"livekit": {"dispatch_rules": [
              {"sip_dispatch_rule_id":"SDR_Gt6VjH4nMx9Q","rule":{"dispatch_rule_individual":{"room_prefix":"call","pin":"","no_randomness":false}},
               "trunk_ids":[],"hide_phone_number":false,"inbound_numbers":[],"numbers":["+15550001111"],"name":"sales line","metadata":"","attributes":{},
               "room_preset":"","room_config":{"name":"","empty_timeout":0,"departure_timeout":0,"max_participants":0,"metadata":"","egress":null,
               "min_playout_delay":0,"max_playout_delay":0,"sync_streams":false,
               "agents":[{"agent_name":"sales-agent","metadata":"","restart_policy":"JRP_ON_FAILURE","deployment":"","attributes":{}}],"tags":{}},
               "media":{"only_listed_codecs":false,"codecs":[],"encryption":null,"media_timeout":null},
               "krisp_enabled":true,"media_encryption":"SIP_MEDIA_ENCRYPT_DISABLE","created_at":null,"updated_at":null}]}}
            """;

        var result = ConfigParser.Parse(pasted);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("sales-agent", result.Config.LiveKit.DispatchRules[0].Agents[0].AgentName);
    }
}
