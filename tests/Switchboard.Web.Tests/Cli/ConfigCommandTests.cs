using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>
/// <c>switchboard config apply</c> and <c>config export</c>, run as a process on a fresh database per test, on SQLite and on PostgreSQL.
/// What does not depend on the database (validation, formats, <c>route</c>) is in <see cref="DemoConfigurationTests"/>, on SQLite only.
/// </summary>
public abstract class ConfigCommandTests
{
    [Fact]
    public async Task Applying_the_demo_creates_configuration_version_1()
    {
        using var cli = await NewCliAsync();

        var result = await cli.RunAsync("config", "apply", SwitchboardCli.DemoFile);

        result.AssertExitCode(0);
        Assert.Contains("create tenant acme", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Applied: configuration version 1", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task The_exported_yaml_is_accepted_by_apply_without_changes()
    {
        using var cli = await NewCliAsync();
        (await cli.RunAsync("config", "apply", SwitchboardCli.DemoFile)).AssertExitCode(0);

        var export = (await cli.RunAsync("config", "export")).AssertExitCode(0);
        var reapply = await cli.RunAsync("config", "apply", cli.WriteFile("exported.yaml", export.Stdout));

        Assert.Contains("acme-sales-agent", export.Stdout, StringComparison.Ordinal);
        reapply.AssertExitCode(0);
        Assert.StartsWith("No changes: configuration version 1", reapply.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_removes_a_number_the_file_no_longer_lists()
    {
        using var cli = await NewCliAsync();
        (await cli.RunAsync("config", "apply", SwitchboardCli.DemoFile)).AssertExitCode(0);
        var withoutNumber = string.Join('\n', File.ReadAllLines(SwitchboardCli.DemoFile).Where(line => !line.Contains("+442079460019", StringComparison.Ordinal)));

        var result = await cli.RunAsync("config", "apply", cli.WriteFile("pruned.yaml", withoutNumber), "--prune");
        var export = (await cli.RunAsync("config", "export")).AssertExitCode(0).Stdout;

        result.AssertExitCode(0);
        Assert.Contains("+442079460019", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Applied: configuration version 2", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("+442079460019", export, StringComparison.Ordinal);
        Assert.Contains("+442079460018", export, StringComparison.Ordinal);
    }

    /// <summary>A CLI on a database no other test uses; skips the test where that database cannot run.</summary>
    protected abstract Task<SwitchboardCli> NewCliAsync();
}

public sealed class ConfigCommandsOnSqlite : ConfigCommandTests
{
    protected override Task<SwitchboardCli> NewCliAsync() => Task.FromResult(SwitchboardCli.OnSqlite());
}

public sealed class ConfigCommandsOnPostgres : ConfigCommandTests, IAsyncDisposable
{
    private PostgresServer? _server;

    protected override async Task<SwitchboardCli> NewCliAsync()
    {
        _server = await PostgresServer.StartOrSkipAsync(TestContext.Current.CancellationToken);
        var connectionString = await _server.CreateDatabaseAsync("switchboard_test_" + Guid.NewGuid().ToString("N"), TestContext.Current.CancellationToken);
        return new SwitchboardCli("postgres", connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
