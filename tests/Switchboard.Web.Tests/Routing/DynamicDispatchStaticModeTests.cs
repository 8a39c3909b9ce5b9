using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Switchboard.Web.Routing;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>
/// In <c>LiveKit:Mode=static</c> LiveKit's rules name their agents and never ask the dynamic-dispatch endpoint. A token still turns
/// the endpoint on (it answers whoever posts to it), so the service says once, at start-up, that static rules do not use it. Each
/// test starts its own host: start-up logs are what it looks at.
/// </summary>
public sealed class DynamicDispatchStaticModeTests
{
    [Fact]
    public async Task In_static_mode_an_enabled_endpoint_is_one_startup_warning_that_names_no_token()
    {
        await using var app = await StartAsync("static", withToken: true);

        var warning = Assert.Single(EndpointWarnings(app));
        Assert.Contains("LiveKit:Mode is static", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DynamicDispatchApps.Token, warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("static", false)]       // no token: there is no endpoint to warn about
    [InlineData("webhook", true)]       // the mode the endpoint is for
    [InlineData("events", true)]
    public async Task Otherwise_the_endpoint_is_not_warned_about(string mode, bool withToken)
    {
        await using var app = await StartAsync(mode, withToken);

        Assert.Empty(EndpointWarnings(app));
    }

    private static async Task<ModeApp> StartAsync(string mode, bool withToken)
    {
        var app = new ModeApp(mode, withToken);
        await app.InitializeAsync();
        return app;
    }

    private static List<FakeLogRecord> EndpointWarnings(SwitchboardApp app) =>
        [.. app.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Warning && r.Category == typeof(DynamicDispatchEndpoints).FullName)];

    /// <summary>The service on SQLite in the given mode, without LiveKit's API, with or without a dynamic-dispatch token.</summary>
    private sealed class ModeApp(string mode, bool withToken) : SqliteApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("LiveKit:Mode", mode);
            if (withToken)
            {
                builder.UseSetting("Switchboard:DynamicDispatch:Tokens:0", DynamicDispatchApps.Token);
            }
        }
    }
}
