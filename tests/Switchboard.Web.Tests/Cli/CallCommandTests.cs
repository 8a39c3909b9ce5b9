using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Cli;

/// <summary>
/// <c>switchboard call</c> against a running service. The CLI signs with the real clock, so each test starts its own app whose
/// fake clock is set to now (the shared fixtures' clocks stay at 2026-03-02, where a real-clock token would be refused).
/// </summary>
public sealed class CallCommandTests
{
    [Fact]
    public async Task A_signed_call_to_a_configured_number_is_answered_by_its_agent()
    {
        await using var app = await StartAppAsync();
        var number = await ConfigureNumberAsync(app, "cli-bot");
        using var cli = SwitchboardCli.OnSqlite();
        app.Logs.Clear();

        var result = await cli.RunAsync(Key(SwitchboardApp.ApiSecret), "call", "--url", BaseAddress(app), "--from", SwitchboardApp.NewNumber(), "--to", number);

        result.AssertExitCode(0);
        Assert.StartsWith("HTTP 200", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"action\": \"accept\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"agent_name\": \"cli-bot\"", result.Stdout, StringComparison.Ordinal);
        app.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_call_signed_with_the_wrong_secret_is_refused_with_401()
    {
        await using var app = await StartAppAsync();
        var number = await ConfigureNumberAsync(app, "cli-bot");
        using var cli = SwitchboardCli.OnSqlite();

        var result = await cli.RunAsync(Key("not-the-secret-0123456789-abcdefghij"), "call", "--url", BaseAddress(app), "--from", SwitchboardApp.NewNumber(), "--to", number);

        result.AssertExitCode(1);
        Assert.StartsWith("HTTP 401", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("invalid_signature", result.Stdout, StringComparison.Ordinal);
    }

    private static async Task<SqliteApp> StartAppAsync()
    {
        var app = new SqliteApp();
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        await app.InitializeAsync();
        return app;
    }

    private static async Task<string> ConfigureNumberAsync(SwitchboardApp app, string agent)
    {
        var number = SwitchboardApp.NewNumber();
        await app.ApplyAsync($"""
            tenants:
              - id: {SwitchboardApp.NewSlug("cli")}
                name: CLI caller
                default_agent: {agent}
                numbers:
                  - number: "{number}"
            """);
        return number;
    }

    private static string BaseAddress(SwitchboardApp app)
    {
        using var client = app.CreateClient();
        return client.BaseAddress!.ToString();
    }

    private static Dictionary<string, string> Key(string secret) => new()
    {
        ["Switchboard__WebhookKeys__0__ApiKey"] = SwitchboardApp.ApiKey,
        ["Switchboard__WebhookKeys__0__ApiSecret"] = secret,
    };
}
