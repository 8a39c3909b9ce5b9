using System.Text.Json;
using Switchboard.LiveKit.StandIn;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>
/// <c>switchboard livekit setup | sync [--dry-run] | status</c>, run as a process against a LiveKit stand-in of the test's own,
/// with the configuration applied by <c>config apply</c> to a fresh database, on SQLite and on PostgreSQL.
/// </summary>
public abstract class LiveKitCommandTests : IAsyncLifetime
{
    private static readonly string[] Writes = ["CreateSIPInboundTrunk", "UpdateSIPInboundTrunk", "CreateSIPDispatchRule", "UpdateSIPDispatchRule", "DeleteSIPDispatchRule"];

    private readonly TestTenant _tenant = TestTenant.New();
    private LiveKitStandIn _liveKit = null!;

    public async ValueTask InitializeAsync() =>
        _liveKit = await LiveKitStandIn.StartAsync(SwitchboardApp.ApiKey, SwitchboardApp.ApiSecret, cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _liveKit.DisposeAsync();
        await DisposeDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Setup_in_static_mode_creates_the_trunk_and_a_rule_per_number_then_prints_the_next_steps()
    {
        using var cli = await ConfiguredCliAsync();

        var result = await cli.RunAsync(Settings("static"), "livekit", "setup", "--public-url", "https://switchboard.example.com");

        result.AssertExitCode(0);
        Assert.Contains($"+ create trunk \"switchboard: inbound\" (2 numbers, 2 allowed addresses)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"+ create rule \"switchboard: {_tenant.CampaignNumber}\" (agent sales-bot)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"+ create rule \"switchboard: {_tenant.PlainNumber}\" (agent tenant-bot)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Applied 3 changes.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("https://switchboard.example.com/api/v1/webhooks/livekit/events", result.Stdout, StringComparison.Ordinal);
        Assert.Single(_liveKit.Trunks);
        Assert.Equal([[_tenant.CampaignNumber], [_tenant.PlainNumber]], _liveKit.Rules.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => r.Numbers));
    }

    [Fact]
    public async Task Sync_dry_run_prints_the_plan_and_changes_nothing()
    {
        using var cli = await ConfiguredCliAsync();

        var result = await cli.RunAsync(Settings("events"), "livekit", "sync", "--dry-run");

        result.AssertExitCode(0);
        Assert.Contains("+ create rule \"switchboard: catch-all\" (no agent: Switchboard dispatches when the caller joins)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Dry run: 2 changes planned, nothing changed", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(_liveKit.Requests, r => Writes.Contains(r.Method));
    }

    [Fact]
    public async Task Status_reports_drift_until_sync_applies_it()
    {
        using var cli = await ConfiguredCliAsync();
        (await cli.RunAsync(Settings("static"), "livekit", "sync")).AssertExitCode(0);
        var clean = await cli.RunAsync(Settings("static"), "livekit", "status");
        (await cli.RunAsync("config", "apply", cli.WriteFile("changed.yaml", _tenant.Yaml(campaignAgent: "closer-bot")))).AssertExitCode(0);

        var drift = await cli.RunAsync(Settings("static"), "livekit", "status", "--json");
        var applied = await cli.RunAsync(Settings("static"), "livekit", "sync");
        var after = await cli.RunAsync(Settings("static"), "livekit", "status");

        clean.AssertExitCode(0);
        Assert.Contains("In sync", clean.Stdout, StringComparison.Ordinal);
        drift.AssertExitCode(3);
        using var json = JsonDocument.Parse(drift.Stdout);
        Assert.False(json.RootElement.GetProperty("in_sync").GetBoolean());
        var change = Assert.Single(json.RootElement.GetProperty("changes").EnumerateArray());
        Assert.Equal(("update", "rule", "closer-bot"), (change.GetProperty("action").GetString(), change.GetProperty("kind").GetString(), change.GetProperty("agent").GetString()));
        Assert.Contains("agent: sales-bot → closer-bot", change.GetProperty("line").GetString(), StringComparison.Ordinal);
        applied.AssertExitCode(0);
        Assert.Contains($"~ update rule \"switchboard: {_tenant.CampaignNumber}\"", applied.Stdout, StringComparison.Ordinal);
        after.AssertExitCode(0);
        Assert.Single(_liveKit.RequestsTo("UpdateSIPDispatchRule"));
    }

    [Fact]
    public async Task A_conflict_with_the_operators_trunk_is_refused_before_anything_changes()
    {
        _liveKit.AddTrunk($$"""{"name":"Twilio by hand","numbers":["{{_tenant.PlainNumber}}"]}""");
        using var cli = await ConfiguredCliAsync();

        var result = await cli.RunAsync(Settings("events"), "livekit", "sync");

        result.AssertExitCode(1);
        Assert.Contains("error: Switchboard's trunk \"switchboard: inbound\": Conflicting inbound SIP Trunks", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(_liveKit.Requests, r => Writes.Contains(r.Method));
    }

    [Fact]
    public async Task Missing_LiveKit_settings_are_named()
    {
        using var cli = await ConfiguredCliAsync();

        var result = await cli.RunAsync(new Dictionary<string, string> { ["LiveKit__ApiKey"] = SwitchboardApp.ApiKey }, "livekit", "status");

        result.AssertExitCode(1);
        Assert.Contains("LiveKit:Url, LiveKit:ApiSecret are not set", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_liveKit.Requests);
    }

    /// <summary>A CLI on a database no other test uses; skips the test where that database cannot run.</summary>
    protected abstract Task<SwitchboardCli> NewCliAsync();

    protected virtual ValueTask DisposeDatabaseAsync() => ValueTask.CompletedTask;

    private async Task<SwitchboardCli> ConfiguredCliAsync()
    {
        var cli = await NewCliAsync();
        (await cli.RunAsync("config", "apply", cli.WriteFile("switchboard.yaml", _tenant.Yaml()))).AssertExitCode(0);
        return cli;
    }

    private Dictionary<string, string> Settings(string mode) => LiveKitCliSettings.For(_liveKit, mode);
}

public sealed class LiveKitCommandsOnSqlite : LiveKitCommandTests
{
    protected override Task<SwitchboardCli> NewCliAsync() => Task.FromResult(SwitchboardCli.OnSqlite());
}

public sealed class LiveKitCommandsOnPostgres : LiveKitCommandTests
{
    private PostgresServer? _server;

    protected override async Task<SwitchboardCli> NewCliAsync()
    {
        _server = await PostgresServer.StartOrSkipAsync(TestContext.Current.CancellationToken);
        var connectionString = await _server.CreateDatabaseAsync("switchboard_test_" + Guid.NewGuid().ToString("N"), TestContext.Current.CancellationToken);
        return new SwitchboardCli("postgres", connectionString);
    }

    protected override async ValueTask DisposeDatabaseAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
