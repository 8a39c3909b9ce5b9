using System.Text.Json;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>
/// <c>switchboard rules eval</c> and <c>rules validate</c>, run as a process on files; they touch no database. Each test writes
/// its own files into the CLI's own working directory.
/// </summary>
public sealed class RulesCommandTests
{
    private const string Config = """
        default_agent: front-desk
        livekit:
          trunks:
            - sip_trunk_id: ST_sales
              numbers: ["+15550001111"]
              allowed_addresses: [54.172.60.0/30]
          dispatch_rules:
            - sip_dispatch_rule_id: SDR_sales
              trunk_ids: [ST_sales]
              metadata: '{"line":"sales"}'
              rule: { dispatch_rule_individual: { room_prefix: call } }
              room_config: { agents: [ { agent_name: sales-agent, metadata: '{"lang":"en"}' } ] }
            - sip_dispatch_rule_id: SDR_vip
              trunk_ids: [ST_sales]
              inbound_numbers: ["+12125550199"]
              rule: { dispatch_rule_direct: { room_name: vip, pin: "4321" } }
        """;

    /// <summary>The same rules as <c>lk</c> lists them, in LiveKit's JSON (lowerCamelCase, as some tools print it).</summary>
    private const string Listing = """
        {"items": [
          {"sipTrunkId": "ST_sales", "numbers": ["+15550001111"], "allowedAddresses": ["54.172.60.0/30"]},
          {"sipDispatchRuleId": "SDR_sales", "trunkIds": ["ST_sales"], "rule": {"dispatchRuleIndividual": {"roomPrefix": "call"}},
           "roomConfig": {"agents": [{"agentName": "sales-agent"}]}, "createdAt": null}
        ]}
        """;

    [Fact]
    public async Task Eval_prints_what_livekit_does_with_the_call_with_a_real_random_suffix()
    {
        using var cli = SwitchboardCli.OnSqlite();
        var file = cli.WriteFile("switchboard.yaml", Config);

        var result = await cli.RunAsync("rules", "eval", "--config", file, "--from", "+14155550123", "--to", "+15550001111",
            "--from-host", "54.172.60.2", "--source-ip", "54.172.60.2", "--call-id", "SCL_9fTzQm4WkP2d");

        result.AssertExitCode(0);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(
            ["result", "error", "trunk_id", "rule_id", "room_name", "participant_identity", "participant_name", "participant_metadata", "attributes", "agents"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("ACCEPT", "ST_sales", "SDR_sales"), (root.GetProperty("result").GetString(), root.GetProperty("trunk_id").GetString(), root.GetProperty("rule_id").GetString()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        Assert.Matches("^call_\\+14155550123_[23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz]{12}$", root.GetProperty("room_name").GetString());
        Assert.Equal(("sip_+14155550123", "Phone +14155550123", "{\"line\":\"sales\"}"),
            (root.GetProperty("participant_identity").GetString(), root.GetProperty("participant_name").GetString(), root.GetProperty("participant_metadata").GetString()));
        Assert.Equal(
        [
            ("sip.callID", "SCL_9fTzQm4WkP2d"), ("sip.hostname", "54.172.60.2"), ("sip.phoneNumber", "+14155550123"),
            ("sip.ruleID", "SDR_sales"), ("sip.trunkID", "ST_sales"), ("sip.trunkPhoneNumber", "+15550001111"),
        ], root.GetProperty("attributes").EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
        var agent = Assert.Single(root.GetProperty("agents").EnumerateArray().ToList());
        Assert.Equal(("sales-agent", "{\"lang\":\"en\"}"), (agent.GetProperty("agent_name").GetString(), agent.GetProperty("metadata").GetString()));
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [InlineData(new string[0], "REQUEST_PIN", "SDR_vip", null)]
    [InlineData(new[] { "--pin", "4321" }, "ACCEPT", "SDR_vip", "vip")]
    [InlineData(new[] { "--no-pin" }, "ACCEPT", "SDR_sales", null)]
    [InlineData(new[] { "--pin", "1111" }, "DROP", null, null)]
    public async Task Eval_follows_the_pin_flow(string[] pin, string expected, string? rule, string? room)
    {
        using var cli = SwitchboardCli.OnSqlite();
        var file = cli.WriteFile("switchboard.yaml", Config);

        var result = await cli.RunAsync(["rules", "eval", "--config", file, "--from", "+12125550199", "--to", "+15550001111", .. pin]);

        result.AssertExitCode(0);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal((expected, rule), (json.RootElement.GetProperty("result").GetString(), json.RootElement.GetProperty("rule_id").GetString()));
        if (room is not null)
        {
            Assert.Equal(room, json.RootElement.GetProperty("room_name").GetString());
        }
    }

    [Fact]
    public async Task Eval_reads_an_lk_listing_and_reports_a_drop()
    {
        using var cli = SwitchboardCli.OnSqlite();
        var file = cli.WriteFile("rules.json", Listing);

        var inside = await cli.RunAsync("rules", "eval", "--config", file, "--from", "+14155550123", "--to", "+15550001111", "--source-ip", "54.172.60.1");
        var outside = await cli.RunAsync("rules", "eval", "--config", file, "--from", "+14155550123", "--to", "+15550001111", "--source-ip", "203.0.113.9");

        Assert.Contains("\"result\": \"ACCEPT\"", inside.AssertExitCode(0).Stdout, StringComparison.Ordinal);
        using var dropped = JsonDocument.Parse(outside.AssertExitCode(0).Stdout);
        Assert.Equal("DROP", dropped.RootElement.GetProperty("result").GetString());
        Assert.Equal(JsonValueKind.Null, dropped.RootElement.GetProperty("trunk_id").ValueKind);
        Assert.Empty(dropped.RootElement.GetProperty("agents").EnumerateArray());
    }

    [Fact]
    public async Task Eval_reports_a_conflict_livekit_only_finds_at_call_time_as_an_error_result()
    {
        using var cli = SwitchboardCli.OnSqlite();
        var file = cli.WriteFile("rules.json", """
            {"trunks": [{"sip_trunk_id": "ST_1", "numbers": ["+15550001111"], "allowed_numbers": ["+14155550123"]},
                        {"sip_trunk_id": "ST_2", "numbers": ["+15550001111"]}],
             "dispatch_rules": [{"sip_dispatch_rule_id": "SDR_x", "rule": {"dispatch_rule_individual": {"room_prefix": "call"}}}]}
            """);

        var result = await cli.RunAsync("rules", "eval", "--config", file, "--from", "+14155550123", "--to", "+15550001111");

        using var json = JsonDocument.Parse(result.AssertExitCode(0).Stdout);
        Assert.Equal(("ERROR", "Multiple SIP Trunks matched for \"+15550001111\""), (json.RootElement.GetProperty("result").GetString(), json.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Validate_passes_a_clean_file_and_prints_warnings_to_stderr()
    {
        using var cli = SwitchboardCli.OnSqlite();
        var file = cli.WriteFile("switchboard.yaml", Config);

        var result = await cli.RunAsync("rules", "validate", "--config", file);

        result.AssertExitCode(0);
        Assert.Equal("OK: 1 inbound trunk(s), 2 dispatch rule(s), no conflicts.", result.Stdout.Trim());
        Assert.Equal(
            "warning: livekit.dispatch_rules[1]: no named agent in room_config.agents: LiveKit dispatches none by name, and Switchboard's static step cannot answer with this rule",
            result.Stderr.Trim());
    }

    [Fact]
    public async Task Validate_lists_conflicting_rules_and_trunks_of_a_configuration_and_fails()
    {
        using var cli = SwitchboardCli.OnSqlite();
        var file = cli.WriteFile("conflicts.yaml", """
            livekit:
              trunks:
                - { sip_trunk_id: ST_a, numbers: ["+15550001111"] }
                - { sip_trunk_id: ST_b, numbers: ["1 555 000 1111"] }
              dispatch_rules:
                - { sip_dispatch_rule_id: SDR_1, name: everyone, rule: { dispatch_rule_individual: { room_prefix: a } } }
                - { sip_dispatch_rule_id: SDR_2, rule: { dispatch_rule_direct: { room_name: b } } }
            """);

        var result = await cli.RunAsync("rules", "validate", "--config", file);

        result.AssertExitCode(1);
        Assert.Equal(
        [
            "livekit.trunks[1]: Conflicting inbound SIP Trunks: \"ST_a\" and \"ST_b\", using the same number +15550001111 and any caller (no allowed_numbers)",
            "livekit.dispatch_rules[1]: Dispatch rule for the same trunk, inbound number, number, and PIN combination already exists in dispatch rule \"SDR_1\" \"everyone\"",
            "2 error(s) in conflicts.yaml.",
        ], result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Validate_checks_a_rules_file_and_names_a_misspelt_field_by_its_path()
    {
        using var cli = SwitchboardCli.OnSqlite();
        var file = cli.WriteFile("rules.json", """{"dispatch_rules": [{"sip_dispatch_rule_id": "SDR_a", "rule": {"dispatch_rule_direct": {"room_name": "r"}}, "number": ["+15550001111"]}]}""");

        var result = await cli.RunAsync("rules", "validate", "--config", file);

        result.AssertExitCode(1);
        Assert.Contains("dispatch_rules[0].number: unknown key (did you mean 'numbers'?)", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "rules", "eval", "--config", "missing.yaml", "--from", "+14155550123", "--to", "+15550001111" }, 1, "missing.yaml: no such file.")]
    [InlineData(new[] { "rules", "validate", "--config", "missing.yaml" }, 1, "missing.yaml: no such file.")]
    [InlineData(new[] { "rules", "eval", "--config", "x.yaml", "--from", "+14155550123" }, 2, "'--to' is required")]
    [InlineData(new[] { "rules", "eval", "--config", "x.yaml", "--from", "a", "--to", "b", "--pin", "1", "--no-pin" }, 2, "--pin and --no-pin cannot be used together.")]
    [InlineData(new[] { "rules", "validate" }, 2, "'--config' is required")]
    public async Task Bad_usage_and_missing_files_fail_with_the_cli_exit_codes(string[] args, int exitCode, string message)
    {
        using var cli = SwitchboardCli.OnSqlite();

        var result = await cli.RunAsync(args);

        result.AssertExitCode(exitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }
}
