using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>Exit codes: 0 ok, 1 failed, 2 usage; errors go to stderr.</summary>
public sealed class CliUsageTests
{
    [Fact]
    public async Task Db_migrate_brings_a_fresh_database_up_to_date()
    {
        using var cli = SwitchboardCli.OnSqlite();

        var result = await cli.RunAsync("db", "migrate");

        result.AssertExitCode(0);
        Assert.StartsWith("Database is up to date", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(cli.WorkingDirectory, "sb.db")));
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        using var cli = SwitchboardCli.OnSqlite();

        var result = await cli.RunAsync("frobnicate");

        result.AssertExitCode(2);
        Assert.Contains("'frobnicate'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error()
    {
        using var cli = SwitchboardCli.OnSqlite();

        var result = await cli.RunAsync("route", "--from", "+12025550143");

        result.AssertExitCode(2);
        Assert.Contains("'--to' is required", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Applying_a_file_that_does_not_exist_fails()
    {
        using var cli = SwitchboardCli.OnSqlite();

        var result = await cli.RunAsync("config", "apply", "missing.yaml");

        result.AssertExitCode(1);
        Assert.Contains("missing.yaml: no such file.", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.WorkingDirectory, "sb.db")));
    }
}
