using System.Text.Json;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>
/// Commands that leave the configuration as it is (a repeated or refused apply, export, route), run against examples/demo.yaml applied
/// once for the class on SQLite. Each process costs about a second, so the demo is not applied again for every test.
/// </summary>
public sealed class DemoConfigurationTests(DemoConfigurationTests.DemoDatabase demo) : IClassFixture<DemoConfigurationTests.DemoDatabase>
{
    private const string BlockedCaller = "+12025550143";
    private const string SpringPromoNumber = "+18005550100";

    [Fact]
    public async Task Applying_the_same_file_again_changes_nothing()
    {
        var result = await demo.Cli.RunAsync("config", "apply", SwitchboardCli.DemoFile);

        result.AssertExitCode(0);
        Assert.StartsWith("No changes: configuration version 1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_file_lists_each_error_with_its_path_and_changes_nothing()
    {
        var file = demo.Cli.WriteFile($"invalid-{Guid.NewGuid():N}.yaml", """
            tenants:
              - id: acme
                name: Acme Health
                colour: blue
                numbers:
                  - number: "12"
            """);

        var result = await demo.Cli.RunAsync("config", "apply", file);
        var after = (await demo.Cli.RunAsync("config", "export")).AssertExitCode(0).Stdout;

        result.AssertExitCode(1);
        var errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(errors, line => line.StartsWith("tenants[0].numbers[0].number: not a valid phone number", StringComparison.Ordinal));
        Assert.Contains(errors, line => line.StartsWith("tenants[0].colour: unknown key", StringComparison.Ordinal));
        Assert.Contains($"2 error(s) in {file}; nothing was changed.", errors);
        Assert.Equal("", result.Stdout);
        Assert.Equal(demo.ExportedYaml, after);
    }

    [Fact]
    public async Task Export_as_json_prints_valid_json_of_the_configuration()
    {
        var result = await demo.Cli.RunAsync("config", "export", "--format", "json");

        result.AssertExitCode(0);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("telephony-agent", json.RootElement.GetProperty("default_agent").GetString());
        Assert.Equal(["acme", "globex"], json.RootElement.GetProperty("tenants").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Route_explains_a_blocked_caller_as_rejected_then_lists_the_steps()
    {
        var result = await demo.Cli.RunAsync("route", "--from", BlockedCaller, "--to", SpringPromoNumber);

        result.AssertExitCode(0);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("reject: caller_blocked", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Contains("global_blocklist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Route_with_json_prints_the_explanation_with_its_trace()
    {
        var result = await demo.Cli.RunAsync("route", "--from", BlockedCaller, "--to", SpringPromoNumber, "--json");

        result.AssertExitCode(0);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("reject", json.RootElement.GetProperty("action").GetString());
        Assert.Equal("caller_blocked", json.RootElement.GetProperty("reject_reason").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("config_version").GetInt64());
        var step = json.RootElement.GetProperty("trace")[0];
        Assert.Equal("global_blocklist", step.GetProperty("step").GetString());
        Assert.Equal("match", step.GetProperty("outcome").GetString());
    }

    /// <summary>A SQLite database with examples/demo.yaml applied, and its export as it stood right after.</summary>
    public sealed class DemoDatabase : IAsyncLifetime
    {
        public SwitchboardCli Cli { get; } = SwitchboardCli.OnSqlite();

        public string ExportedYaml { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            (await Cli.RunAsync("config", "apply", SwitchboardCli.DemoFile)).AssertExitCode(0);
            ExportedYaml = (await Cli.RunAsync("config", "export")).AssertExitCode(0).Stdout;
        }

        public ValueTask DisposeAsync()
        {
            Cli.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
