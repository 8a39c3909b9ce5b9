using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Configuration;

/// <summary>
/// GET and PUT /api/v1/config: configuration as code, validated whole, applied as an idempotent upsert, versioned.
/// </summary>
/// <remarks>
/// Isolation: most tests add tenants of their own to the collection's shared database, which is safe because the tests of one
/// collection run one at a time. Tests that prune (which removes every other test's tenants) or compare the whole configuration
/// run on a fresh app of their own (<see cref="FreshAppAsync"/>): a new SQLite file or a new PostgreSQL database, migrated and
/// disposed by the test, which costs about a second.
/// </remarks>
public abstract class ConfigApiTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp, new()
{
    [Fact]
    public async Task Applying_a_yaml_file_answers_the_new_version_and_each_change()
    {
        var t = TestTenant.New();

        var (status, answer) = await App.PutConfigAsync(t.Yaml());

        using (answer)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            var root = answer.RootElement;
            Assert.True(root.GetProperty("version").GetInt64() > 0);
            Assert.True(root.GetProperty("changed").GetBoolean());
            var changes = root.GetProperty("changes").EnumerateArray().Select(c => c.GetString()).ToList();
            Assert.Contains($"create tenant {t.Id}", changes);
            Assert.Contains($"create campaign {t.Id}/promo", changes);
            Assert.Contains($"create number {t.CampaignNumber} ({t.Id})", changes);
            Assert.Contains($"create number {t.PlainNumber} ({t.Id})", changes);
        }

        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_json_document_is_applied_like_yaml()
    {
        var t = TestTenant.New();

        var (status, answer) = await App.PutConfigAsync(AsJson(t), "application/json");
        answer.Dispose();

        Assert.Equal(HttpStatusCode.OK, status);
        var routed = await App.RouteAsync(SwitchboardApp.NewNumber(), t.CampaignNumber);
        Assert.Equal("sales-bot", routed.Json.GetProperty("agent_name").GetString());
    }

    [Fact]
    public async Task The_json_form_of_an_applied_yaml_file_changes_nothing()
    {
        var t = TestTenant.New();
        var version = await App.ApplyAsync(t.Yaml());

        var (_, answer) = await App.PutConfigAsync(AsJson(t), "application/json");

        using (answer)
        {
            Assert.False(answer.RootElement.GetProperty("changed").GetBoolean(), answer.RootElement.GetRawText());
            Assert.Equal(version, answer.RootElement.GetProperty("version").GetInt64());
            Assert.Empty(answer.RootElement.GetProperty("changes").EnumerateArray());
        }
    }

    [Fact]
    public async Task Applying_the_same_file_twice_changes_nothing_the_second_time()
    {
        var yaml = TestTenant.New().Yaml();
        var version = await App.ApplyAsync(yaml);

        var (_, answer) = await App.PutConfigAsync(yaml);

        using (answer)
        {
            Assert.False(answer.RootElement.GetProperty("changed").GetBoolean(), answer.RootElement.GetRawText());
            Assert.Equal(version, answer.RootElement.GetProperty("version").GetInt64());
        }
    }

    [Fact]
    public async Task A_file_with_one_invalid_number_is_refused_400_naming_its_exact_path()
    {
        var t = TestTenant.New();
        var file = TestTenant.Document("", t.Entry(numbers: [$"\"{t.CampaignNumber}\"", "\"12345\""]), TestTenant.New().Entry());

        var (status, problem) = await App.PutConfigAsync(file);

        using (problem)
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_config", problem.RootElement.GetProperty("code").GetString());
            var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateObject());
            Assert.Equal("tenants[0].numbers[1].number", error.Name);
            Assert.Contains("12345", Assert.Single(error.Value.EnumerateArray()).GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_refused_file_leaves_the_configuration_as_it_was()
    {
        var t = TestTenant.New();
        await App.ApplyAsync(t.Yaml());
        using var before = await App.ConfigJsonAsync();
        var file = TestTenant.Document("default_agent: other-bot", t.Entry(campaignAgent: "changed-bot", numbers: [$"\"{t.CampaignNumber}\"", "\"12345\""]),
            TestTenant.New().Entry());

        var (status, problem) = await App.PutConfigAsync(file);
        problem.Dispose();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var after = await App.ConfigJsonAsync();
        Assert.Equal(before.RootElement.GetRawText(), after.RootElement.GetRawText());
    }

    [Fact]
    public async Task A_refused_file_creates_none_of_its_valid_tenants()
    {
        var t = TestTenant.New();
        var valid = TestTenant.New();
        var file = TestTenant.Document("", t.Entry(numbers: [$"\"{t.CampaignNumber}\"", "\"12345\""]), valid.Entry());

        var (status, problem) = await App.PutConfigAsync(file);
        problem.Dispose();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var tenants = await App.TenantIdsAsync();
        Assert.DoesNotContain(valid.Id, tenants);
        Assert.DoesNotContain(t.Id, tenants);
    }

    [Fact]
    public async Task A_refused_file_leaves_the_version_unchanged()
    {
        var t = TestTenant.New();
        var yaml = t.Yaml();
        var version = await App.ApplyAsync(yaml);
        var (status, problem) = await App.PutConfigAsync(TestTenant.Document("", t.Entry(campaignAgent: "changed-bot", numbers: ["\"12345\""])));
        problem.Dispose();

        var (_, again) = await App.PutConfigAsync(yaml);

        using (again)
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.False(again.RootElement.GetProperty("changed").GetBoolean(), again.RootElement.GetRawText());
            Assert.Equal(version, again.RootElement.GetProperty("version").GetInt64());
        }
    }

    [Fact]
    public async Task Every_error_in_a_file_is_reported_at_once()
    {
        var first = TestTenant.New();
        var second = TestTenant.New();
        var file = TestTenant.Document("default_agent: has space\ncolour: blue",
            first.Entry(numbers: ["\"12345\""]),
            second.Entry(campaignAgent: "bad agent", numbers: [$"\"{second.CampaignNumber}\"", "\"not a number\""]));

        var (status, problem) = await App.PutConfigAsync(file);

        using (problem)
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            var paths = problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(
                ["colour", "default_agent", "tenants[0].numbers[0].number", "tenants[1].campaigns[0].agent", "tenants[1].numbers[1].number"],
                paths);
        }
    }

    [Fact]
    public async Task Without_prune_tenants_and_numbers_missing_from_the_file_stay()
    {
        var kept = TestTenant.New();
        var missing = TestTenant.New();
        await App.ApplyAsync(TestTenant.Document("", kept.Entry(), missing.Entry()));

        await App.ApplyAsync(TestTenant.Document("", kept.Entry(numbers: [$"\"{kept.CampaignNumber}\""])));

        Assert.Contains(missing.Id, await App.TenantIdsAsync());
        Assert.Equal([kept.CampaignNumber, kept.PlainNumber], (await App.NumbersOfAsync(kept.Id)).Order(StringComparer.Ordinal));
        var routed = await App.RouteAsync(SwitchboardApp.NewNumber(), missing.CampaignNumber);
        Assert.Equal(missing.Id, routed.Json.GetProperty("metadata").GetProperty("tenant").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Each_call_row_records_the_configuration_version_that_routed_it()
    {
        var t = TestTenant.New();
        var firstCall = Calls.NewCallId();
        var secondCall = Calls.NewCallId();
        var v1 = await App.ApplyAsync(t.Yaml());
        await App.RouteAsync(SwitchboardApp.NewNumber(), t.CampaignNumber, firstCall);
        var v2 = await App.ApplyAsync(t.Yaml(campaignAgent: "summer-bot"));

        await App.RouteAsync(SwitchboardApp.NewNumber(), t.CampaignNumber, secondCall);

        Assert.True(v2 > v1);
        using var first = await App.CallAsync(firstCall);
        using var second = await App.CallAsync(secondCall);
        Assert.Equal(v1, first.RootElement.GetProperty("config_version").GetInt64());
        Assert.Equal(v2, second.RootElement.GetProperty("config_version").GetInt64());
        Assert.Equal("summer-bot", second.RootElement.GetProperty("agent_name").GetString());
    }

    [Theory]
    [InlineData(null, "", "application/yaml")]
    [InlineData("application/json", "", "application/json")]
    [InlineData(null, "?format=json", "application/json")]
    [InlineData("application/json", "?format=yaml", "application/yaml")]
    public async Task The_configuration_is_exported_as_yaml_unless_json_is_asked_for(string? accept, string query, string expectedMediaType)
    {
        var t = TestTenant.New();
        await App.ApplyAsync(t.Yaml());
        using var client = App.CreateAdminClient();
        if (accept is not null)
        {
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await client.GetAsync("/api/v1/config" + query, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedMediaType, response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        if (expectedMediaType == "application/json")
        {
            using var json = JsonDocument.Parse(text);
            Assert.Contains(json.RootElement.GetProperty("tenants").EnumerateArray(), e => e.GetProperty("id").GetString() == t.Id);
        }
        else
        {
            Assert.Contains($"id: {t.Id}\n", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public async Task Re_applying_the_exported_configuration_changes_nothing(string format)
    {
        await using var app = await FreshAppAsync();
        await app.ApplyAsync(await File.ReadAllTextAsync(DemoYamlPath(), Ct));
        using var admin = app.CreateAdminClient();
        var exported = await admin.GetStringAsync($"/api/v1/config?format={format}", Ct);

        var (status, answer) = await app.PutConfigAsync(exported, format == "json" ? "application/json" : "application/yaml");

        using (answer)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(answer.RootElement.GetProperty("changed").GetBoolean(), answer.RootElement.GetRawText());
        }

        app.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_number_moved_from_one_tenant_to_another_in_one_file_routes_to_the_new_tenant()
    {
        var from = TestTenant.New();
        var to = TestTenant.New();
        await App.ApplyAsync(TestTenant.Document("", from.Entry(), to.Entry(tenantAgent: "to-bot", numbers: [$"\"{to.PlainNumber}\""])));

        var (status, answer) = await App.PutConfigAsync(TestTenant.Document("",
            from.Entry(numbers: [$"\"{from.CampaignNumber}\""]),
            to.Entry(tenantAgent: "to-bot", numbers: [$"\"{to.PlainNumber}\"", $"\"{from.PlainNumber}\""])));

        using (answer)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"move number {from.PlainNumber} from {from.Id} to {to.Id}", answer.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        }

        var routed = await App.RouteAsync(SwitchboardApp.NewNumber(), from.PlainNumber);
        Assert.Equal("to-bot", routed.Json.GetProperty("agent_name").GetString());
        Assert.Equal(to.Id, routed.Json.GetProperty("metadata").GetProperty("tenant").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Pruning_deletes_a_number_without_calls()
    {
        await using var app = await FreshAppAsync();
        var t = TestTenant.New();
        await app.ApplyAsync(t.Yaml());

        var (status, answer) = await app.PutConfigAsync(TestTenant.Document("", t.Entry(numbers: [$"\"{t.CampaignNumber}\""])), prune: true);

        using (answer)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"delete number {t.PlainNumber}", answer.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        }

        Assert.Equal([t.CampaignNumber], await app.NumbersOfAsync(t.Id));
        app.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Pruning_archives_a_number_with_calls()
    {
        await using var app = await FreshAppAsync();
        var t = TestTenant.New();
        await app.ApplyAsync(t.Yaml());
        await app.RouteAsync(SwitchboardApp.NewNumber(), t.PlainNumber);

        var (_, answer) = await app.PutConfigAsync(TestTenant.Document("", t.Entry(numbers: [$"\"{t.CampaignNumber}\""])), prune: true);

        using (answer)
        {
            var changes = answer.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetString()).ToList();
            Assert.Contains($"archive number {t.PlainNumber} (it has history)", changes);
            Assert.DoesNotContain($"delete number {t.PlainNumber}", changes);
        }

        Assert.Equal([t.CampaignNumber], await app.NumbersOfAsync(t.Id));
    }

    [Fact]
    public async Task An_archived_number_gets_the_unknown_number_behaviour()
    {
        await using var app = await FreshAppAsync();
        var t = TestTenant.New();
        await app.ApplyAsync(TestTenant.Document("default_agent: fallback-bot", t.Entry()));
        await app.RouteAsync(SwitchboardApp.NewNumber(), t.PlainNumber);
        await app.ApplyAsync(TestTenant.Document("default_agent: fallback-bot", t.Entry(numbers: [$"\"{t.CampaignNumber}\""])), prune: true);

        var routed = await app.RouteAsync(SwitchboardApp.NewNumber(), t.PlainNumber);

        Assert.Equal("fallback-bot", routed.Json.GetProperty("agent_name").GetString());
        Assert.Equal("unknown_number_default_agent", routed.Json.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, routed.Json.GetProperty("metadata").GetProperty("tenant").ValueKind);
        Assert.Equal(JsonValueKind.Null, routed.Lead.ValueKind);
    }

    [Fact]
    public async Task Pruning_a_number_keeps_its_calls_and_leads()
    {
        await using var app = await FreshAppAsync();
        var t = TestTenant.New();
        var caller = SwitchboardApp.NewNumber();
        var callId = Calls.NewCallId();
        await app.ApplyAsync(t.Yaml());
        await app.RouteAsync(caller, t.PlainNumber, callId);

        await app.ApplyAsync(TestTenant.Document("", t.Entry(numbers: [$"\"{t.CampaignNumber}\""])), prune: true);

        using var call = await app.CallAsync(callId);
        Assert.Equal(t.PlainNumber, call.RootElement.GetProperty("to_number").GetString());
        using var leads = await app.LeadsAsync(t.Id, caller);
        Assert.Single(leads.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Pruning_deletes_a_tenant_without_history_with_its_campaigns_and_numbers()
    {
        await using var app = await FreshAppAsync();
        var t = TestTenant.New();
        await app.ApplyAsync(t.Yaml());

        var (status, answer) = await app.PutConfigAsync("tenants: []\n", prune: true);

        using (answer)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(
                [$"delete campaign {t.Id}/promo", $"delete number {t.CampaignNumber}", $"delete number {t.PlainNumber}", $"delete tenant {t.Id}"],
                answer.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetString()).Where(c => c!.StartsWith("delete", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal));
        }

        Assert.Empty(await app.TenantIdsAsync());
        app.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Pruning_a_tenant_with_history_archives_it_and_keeps_its_calls_and_leads()
    {
        await using var app = await FreshAppAsync();
        var t = TestTenant.New();
        var caller = SwitchboardApp.NewNumber();
        var callId = Calls.NewCallId();
        await app.ApplyAsync(t.Yaml());
        await app.RouteAsync(caller, t.CampaignNumber, callId);

        var (status, answer) = await app.PutConfigAsync("tenants: []\n", prune: true);

        using (answer)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"archive tenant {t.Id} (it has history)", answer.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        }

        Assert.Empty(await app.TenantIdsAsync());
        using var call = await app.CallAsync(callId);
        Assert.Equal(t.Id, call.RootElement.GetProperty("tenant_id").GetString());
        using var leads = await app.LeadsAsync(t.Id, caller);
        Assert.Single(leads.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task The_watchdog_keys_are_stored_exported_and_reapplied_without_change()
    {
        var id = SwitchboardApp.NewSlug("w");
        var document = $"""
            tenants:
              - id: {id}
                name: Watched
                fallback_transfer_to: "sip:desk@example.com"
                agent_join_timeout_seconds: 15
                campaigns:
                  - id: promo
                    name: Promo
                    backup_agent: backup-bot
            """;
        await App.ApplyAsync(document);

        var (_, again) = await App.PutConfigAsync(document);

        using (again)
        using (var config = await App.ConfigJsonAsync())
        {
            Assert.False(again.RootElement.GetProperty("changed").GetBoolean());
            var tenant = config.RootElement.GetProperty("tenants").EnumerateArray().Single(t => t.GetProperty("id").GetString() == id);
            Assert.Equal("sip:desk@example.com", tenant.GetProperty("fallback_transfer_to").GetString());
            Assert.Equal(15, tenant.GetProperty("agent_join_timeout_seconds").GetInt32());
            Assert.Equal("backup-bot", tenant.GetProperty("campaigns")[0].GetProperty("backup_agent").GetString());
        }
    }

    [Fact]
    public async Task The_livekit_section_is_stored_exported_and_routes_an_unknown_number_as_livekit_would()
    {
        await using var app = await FreshAppAsync();
        var t = TestTenant.New();
        var dialed = SwitchboardApp.NewNumber();

        await app.ApplyAsync(TestTenant.Document(LiveKitSection(dialed), t.Entry()));

        using (var config = await app.ConfigJsonAsync())
        {
            var rule = Assert.Single(config.RootElement.GetProperty("livekit").GetProperty("dispatch_rules").EnumerateArray());
            Assert.Equal("SDR_static", rule.GetProperty("sip_dispatch_rule_id").GetString());
            Assert.Equal(dialed, Assert.Single(rule.GetProperty("numbers").EnumerateArray()).GetString());
        }

        var answer = await app.RouteAsync(SwitchboardApp.NewNumber(), dialed);
        Assert.Equal(("accept", "static-agent"), (answer.Json.GetProperty("action").GetString(), answer.Json.GetProperty("agent_name").GetString()));
        var callId = Calls.NewCallId();
        await app.RouteAsync(SwitchboardApp.NewNumber(), dialed, callId);
        using var call = await app.CallAsync(callId);
        Assert.Equal("static_dispatch_rule", call.RootElement.GetProperty("reason").GetString());
        Assert.Contains(call.RootElement.GetProperty("trace").EnumerateArray(), step => step.GetProperty("step").GetString() == "livekit_rule");
    }

    [Fact]
    public async Task A_file_without_a_livekit_section_keeps_it_unless_pruning()
    {
        await using var app = await FreshAppAsync();
        var t = TestTenant.New();
        await app.ApplyAsync(TestTenant.Document(LiveKitSection(SwitchboardApp.NewNumber()), t.Entry()));

        var (_, kept) = await app.PutConfigAsync(t.Yaml());
        using (kept)
        using (var config = await app.ConfigJsonAsync())
        {
            Assert.False(kept.RootElement.GetProperty("changed").GetBoolean());
            Assert.True(config.RootElement.TryGetProperty("livekit", out _));
        }

        var (_, pruned) = await app.PutConfigAsync(t.Yaml(), prune: true);
        using (pruned)
        using (var config = await app.ConfigJsonAsync())
        {
            Assert.Contains("remove the livekit section", pruned.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
            Assert.False(config.RootElement.TryGetProperty("livekit", out _));
        }
    }

    [Fact]
    public async Task A_livekit_section_livekit_would_refuse_is_rejected_whole()
    {
        var t = TestTenant.New();
        var section = """
            livekit:
              dispatch_rules:
                - sip_dispatch_rule_id: SDR_a
                  rule: { dispatch_rule_individual: { room_prefix: a } }
                - sip_dispatch_rule_id: SDR_b
                  rule: { dispatch_rule_direct: { room_name: b } }
            """;

        var (status, answer) = await App.PutConfigAsync(TestTenant.Document(section, t.Entry()));

        using (answer)
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(answer.RootElement.GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith("livekit.dispatch_rules[1]", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(t.Id, await App.TenantIdsAsync());
    }

    /// <summary>A livekit section with one rule for one dialed number, dispatching <c>static-agent</c>.</summary>
    private static string LiveKitSection(string dialed) => $$"""
        livekit:
          dispatch_rules:
            - sip_dispatch_rule_id: SDR_static
              numbers: ["{{dialed}}"]
              rule: { dispatch_rule_individual: { room_prefix: call } }
              room_config: { agents: [ { agent_name: static-agent } ] }

        """;

    /// <summary>A new app on a database of its own, for tests that prune or compare the whole configuration; the caller disposes it.</summary>
    private static async Task<TApp> FreshAppAsync()
    {
        var app = new TApp();
        try
        {
            await app.InitializeAsync();
            if (app.UnavailableReason is { } reason)
            {
                PostgresServer.SkipOrFail(reason);
            }

            // As AppTests does for the shared app: start-up logs are not the test's. (Npgsql logs a spurious Error for the missing
            // __EFMigrationsHistory table on a fresh database's first migration: npgsql/efcore.pg#3407.)
            app.Logs.Clear();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static string AsJson(TestTenant t) => JsonSerializer.Serialize(new
    {
        tenants = new[]
        {
            new
            {
                id = t.Id,
                name = "Tenant " + t.Id,
                default_agent = "tenant-bot",
                timezone = "America/New_York",
                blocked_callers = Array.Empty<string>(),
                campaigns = new[] { new { id = "promo", name = "Promo", agent = "sales-bot", active = true } },
                numbers = new object[] { new { number = t.CampaignNumber, campaign = "promo" }, new { number = t.PlainNumber } },
            },
        },
    });

    private static string DemoYamlPath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "examples", "demo.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("examples/demo.yaml not found above " + AppContext.BaseDirectory);
    }
}

[Collection(nameof(OnSqlite))]
public sealed class ConfigApiOnSqlite(SqliteApp app) : ConfigApiTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class ConfigApiOnPostgres(PostgresApp app) : ConfigApiTests<PostgresApp>(app);
