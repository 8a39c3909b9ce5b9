using Switchboard.LiveKit.StandIn;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>
/// <c>switchboard livekit guard</c>, run as a process against a LiveKit stand-in and a readiness endpoint the test turns
/// unhealthy and healthy again, on SQLite: the swap to static agents and back, the cache that outlives the database, and the
/// settings it refuses.
/// </summary>
public sealed class LiveKitGuardTests : IAsyncLifetime
{
    private readonly TestTenant _tenant = TestTenant.New();
    private LiveKitStandIn _liveKit = null!;
    private HealthEndpoint _health = null!;

    public async ValueTask InitializeAsync()
    {
        _liveKit = await LiveKitStandIn.StartAsync(SwitchboardApp.ApiKey, SwitchboardApp.ApiSecret, cancellationToken: TestContext.Current.CancellationToken);
        _health = await HealthEndpoint.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _health.DisposeAsync();
        await _liveKit.DisposeAsync();
    }

    [Fact]
    public async Task While_Switchboard_is_unhealthy_each_number_gets_its_static_agent_beside_the_catch_all_and_loses_it_on_recovery()
    {
        using var cli = await ConfiguredCliAsync();
        (await cli.RunAsync(Settings("events"), "livekit", "sync")).AssertExitCode(0);
        var catchAll = Assert.Single(_liveKit.Rules);
        await using var guard = StartGuard(cli);
        await guard.WaitForOutputAsync("guard: Switchboard is healthy: LiveKit holds the events-mode rules (0 changes).");

        _health.Healthy = false;
        await guard.WaitForOutputAsync("swapped to static agents");
        var failedOver = _liveKit.Rules.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _health.Healthy = true;
        await guard.WaitForOutputAsync("swapped back to events mode");
        var restored = _liveKit.Rules;
        var stopped = await guard.StopAsync();

        Assert.Equal(3, failedOver.Count);
        Assert.Equal(catchAll.Id, failedOver["switchboard: catch-all"].Id);
        Assert.Equal("sales-bot", Agent(failedOver[$"switchboard: {_tenant.CampaignNumber}"]));
        Assert.Equal("tenant-bot", Agent(failedOver[$"switchboard: {_tenant.PlainNumber}"]));
        Assert.Equal([_tenant.CampaignNumber], failedOver[$"switchboard: {_tenant.CampaignNumber}"].Numbers);
        Assert.Equal(catchAll.Id, Assert.Single(restored).Id);
        stopped.AssertExitCode(0);
        Assert.Contains("guard: Switchboard unhealthy for 2 checks in a row: swapped to static agents (2 changes)", stopped.Stdout, StringComparison.Ordinal);
        Assert.Contains($"+ create rule \"switchboard: {_tenant.CampaignNumber}\" (agent sales-bot)", stopped.Stdout, StringComparison.Ordinal);
        Assert.Contains("unhealthy (503 Service Unavailable): 1 of 2 failed checks.", stopped.Stdout, StringComparison.Ordinal);
        Assert.Contains("guard: Switchboard healthy for 2 checks in a row: swapped back to events mode (2 changes)", stopped.Stdout, StringComparison.Ordinal);
        Assert.Contains("guard: stopped; LiveKit keeps the events-mode rules.", stopped.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(SwitchboardApp.ApiSecret, stopped.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_database_gone_too_the_guard_fails_over_from_its_cache()
    {
        using var cli = await ConfiguredCliAsync();
        (await cli.RunAsync(Settings("events"), "livekit", "sync")).AssertExitCode(0);
        await using (var first = StartGuard(cli))
        {
            await first.WaitForOutputAsync("LiveKit holds the events-mode rules");
            (await first.StopAsync()).AssertExitCode(0);
        }

        _health.Healthy = false;
        var noDatabase = new Dictionary<string, string>(Settings("events"))
        {
            ["ConnectionStrings__Switchboard"] = $"Data Source={Path.Combine(cli.WorkingDirectory, "missing", "sb.db")}",
        };
        await using var guard = cli.Start(noDatabase, [.. GuardArgs()]);
        await guard.WaitForOutputAsync("swapped to static agents");
        var stopped = await guard.StopAsync();

        Assert.Contains("guard: the database cannot be read", stopped.Stdout, StringComparison.Ordinal);
        Assert.Contains("guard: using the cached configuration version 1 (2 numbers) from switchboard-guard.json.", stopped.Stdout, StringComparison.Ordinal);
        Assert.Equal(["sales-bot", "tenant-bot"], _liveKit.Rules.Where(r => r.Numbers.Count == 1).OrderBy(r => r.Numbers[0] == _tenant.PlainNumber).Select(Agent));
    }

    [Fact]
    public async Task A_database_that_never_answers_does_not_slow_the_checks_down()
    {
        using var cli = await ConfiguredCliAsync();
        (await cli.RunAsync(Settings("events"), "livekit", "sync")).AssertExitCode(0);
        await using (var first = StartGuard(cli))
        {
            await first.WaitForOutputAsync("LiveKit holds the events-mode rules");
            (await first.StopAsync()).AssertExitCode(0);
        }

        // A PostgreSQL address that accepts connections and never says a word: Npgsql would wait 15 s for each.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        _health.Healthy = false;
        var silentDatabase = new Dictionary<string, string>(Settings("events"))
        {
            ["Database__Provider"] = "postgres",
            ["ConnectionStrings__Switchboard"] = $"Host=127.0.0.1;Port={port};Database=switchboard;Username=switchboard;Password=unused",
        };
        await using var guard = cli.Start(silentDatabase, [.. GuardArgs()]);

        // Without a bound, the first read and each check's read would wait 15 s: 45 s before the swap.
        await guard.WaitForOutputAsync("swapped to static agents", TimeSpan.FromSeconds(30));
        var stopped = await guard.StopAsync();

        Assert.Contains("guard: the database cannot be read (", stopped.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", stopped.ToString(), StringComparison.Ordinal);
        Assert.Contains("guard: using the cached configuration version 1 (2 numbers)", stopped.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_database_or_a_cache_the_guard_refuses_to_start()
    {
        using var cli = SwitchboardCli.OnSqlite();
        var noDatabase = new Dictionary<string, string>(Settings("events"))
        {
            ["ConnectionStrings__Switchboard"] = $"Data Source={Path.Combine(cli.WorkingDirectory, "missing", "sb.db")}",
        };

        var result = await cli.RunAsync(noDatabase, [.. GuardArgs()]);

        result.AssertExitCode(1);
        Assert.Contains("no configuration to fail over with", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_liveKit.Rules);
    }

    [Fact]
    public async Task In_static_mode_there_is_nothing_to_guard()
    {
        using var cli = await ConfiguredCliAsync();

        var result = await cli.RunAsync(Settings("static"), [.. GuardArgs()]);

        result.AssertExitCode(1);
        Assert.Contains("LiveKit:Mode is static", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(_liveKit.Requests, r => r.Method?.StartsWith("Create", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("--health", "not a url")]
    [InlineData("--health", "ftp://example.com/readyz")]
    [InlineData("--interval", "0")]
    [InlineData("--failures", "0")]
    public async Task A_bad_option_is_a_usage_error(string option, string value)
    {
        using var cli = SwitchboardCli.OnSqlite();
        string[] args = option == "--health" ? ["livekit", "guard", option, value] : ["livekit", "guard", "--health", _health.Url, option, value];

        var result = await cli.RunAsync(Settings("events"), args);

        result.AssertExitCode(2);
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
    }

    private static string Agent(StandInRule rule) =>
        rule.Info["room_config"]?["agents"] is { } agents ? Assert.Single(agents.AsArray())!["agent_name"]!.GetValue<string>() : "(none)";

    private RunningCli StartGuard(SwitchboardCli cli) => cli.Start(Settings("events"), [.. GuardArgs()]);

    private IEnumerable<string> GuardArgs() => ["livekit", "guard", "--health", _health.Url, "--interval", "0.2", "--failures", "2", "--recoveries", "2"];

    private async Task<SwitchboardCli> ConfiguredCliAsync()
    {
        var cli = SwitchboardCli.OnSqlite();
        (await cli.RunAsync("config", "apply", cli.WriteFile("switchboard.yaml", _tenant.Yaml()))).AssertExitCode(0);
        return cli;
    }

    private Dictionary<string, string> Settings(string mode) => LiveKitCliSettings.For(_liveKit, mode);
}
