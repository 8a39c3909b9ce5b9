using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.LiveKit.Api;
using Switchboard.LiveKit.StandIn;
using Xunit;

namespace Switchboard.LiveKit.Tests.Api;

public sealed class LiveKitApiOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_host_without_LiveKit_settings_builds_and_fails_only_when_a_client_is_resolved()
    {
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLiveKitApi()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var failure = Assert.Throws<OptionsValidationException>(services.GetRequiredService<SipClient>);

        Assert.Contains("LiveKit:Url", failure.Message, StringComparison.Ordinal);
        Assert.Contains("LiveKit:ApiKey", failure.Message, StringComparison.Ordinal);
        Assert.Contains("LiveKit:ApiSecret", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://livekit.example.com")]
    [InlineData("livekit.example.com")]
    public void A_URL_that_is_not_http_or_ws_is_refused_without_echoing_the_secret(string url)
    {
        using var services = new ServiceCollection()
            .AddLiveKitApi(o => (o.Url, o.ApiKey, o.ApiSecret) = (url, "APIkey", "a-secret-never-shown"))
            .BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(services.GetRequiredService<RoomServiceClient>);

        Assert.Contains("LiveKit:Url", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-secret-never-shown", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeouts_must_fit_together()
    {
        using var services = new ServiceCollection()
            .AddLiveKitApi(o =>
            {
                (o.Url, o.ApiKey, o.ApiSecret) = ("https://x.livekit.cloud", "k", "s");
                (o.AttemptTimeout, o.TotalTimeout, o.MaxRetries) = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 11);
            })
            .BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(services.GetRequiredService<AgentDispatchClient>);

        Assert.Contains("LiveKit:TotalTimeout", failure.Message, StringComparison.Ordinal);
        Assert.Contains("LiveKit:MaxRetries", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_bind_from_the_LiveKit_section_and_a_ws_URL_is_called_over_http()
    {
        await using var liveKit = await LiveKitStandIn.StartAsync(LiveKitApi.ApiKey, LiveKitApi.ApiSecret, cancellationToken: Ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveKit:Url"] = liveKit.Url.Replace("http://", "ws://", StringComparison.Ordinal),
            ["LiveKit:ApiKey"] = LiveKitApi.ApiKey,
            ["LiveKit:ApiSecret"] = LiveKitApi.ApiSecret,
            ["LiveKit:TokenLifetime"] = "00:02:00",
        }).Build();
        await using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLiveKitApi().BuildServiceProvider();

        await services.GetRequiredService<SipClient>().ListSipInboundTrunkAsync(cancellationToken: Ct);

        var claims = Assert.Single(liveKit.Requests).Claims!;
        Assert.Equal(LiveKitApi.ApiKey, claims.Text("iss"));
        Assert.Equal(120, long.Parse(claims.Text("exp")!, System.Globalization.CultureInfo.InvariantCulture) - long.Parse(claims.Text("nbf")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("wss://acme.livekit.cloud", "https://acme.livekit.cloud/")]
    [InlineData("ws://localhost:7880", "http://localhost:7880/")]
    [InlineData("https://acme.livekit.cloud:8443/livekit/", "https://acme.livekit.cloud:8443/livekit/")]
    [InlineData("http://10.0.0.5", "http://10.0.0.5/")]
    public void The_server_URL_is_called_over_HTTP(string url, string expected) =>
        Assert.Equal(expected, TwirpClient.HttpBase(url)?.AbsoluteUri);
}
