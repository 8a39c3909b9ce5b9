using System.Text;
using Xunit;
using static Switchboard.LiveKit.Tests.TestTokens;

namespace Switchboard.LiveKit.Tests.Interop;

/// <summary>
/// Our verifier and writer against the official LiveKit Node server SDK (tests/interop). The SDK signs with the real
/// clock, so these tests verify with <see cref="TimeProvider.System"/> and sign with its current time.
/// </summary>
[Trait("Category", "Interop")]
public sealed class NodeSdkInteropTests
{
    private static readonly WebhookKey DevKey = new("devkey", "secret");   // livekit-server --dev: a 48-bit secret

    private static readonly string[] Bodies =
    [
        BodyText,
        """{"event":"participant_joined","room":{"name":"call-ü-日本"},"participant":{"identity":"sip_+4930123456","kind":"SIP"},"id":"EV_Unicode00001"}""",
        "{}",
    ];

    [Fact]
    public async Task Bodies_signed_by_the_Node_SDK_are_accepted()
    {
        NodeSdk.EnsureAvailable();
        var verifier = new WebhookVerifier([Key, DevKey], TimeProvider.System);
        var tokens = await NodeSdk.SignWebhooksAsync(Key, Bodies, TestContext.Current.CancellationToken);
        var devTokens = await NodeSdk.SignWebhooksAsync(DevKey, Bodies, TestContext.Current.CancellationToken);

        var results = Bodies.Select((body, i) => verifier.Verify(tokens[i], Encoding.UTF8.GetBytes(body)))
            .Concat(Bodies.Select((body, i) => verifier.Verify(devTokens[i], Encoding.UTF8.GetBytes(body))))
            .ToList();

        Assert.All(results, result => Assert.True(result.IsValid, result.Message));
        Assert.Equal([.. Enumerable.Repeat(ApiKey, 3), .. Enumerable.Repeat(DevKey.ApiKey, 3)], results.Select(r => r.ApiKey));
    }

    [Fact]
    public async Task Node_SDK_token_is_refused_for_a_body_tampered_by_one_byte()
    {
        NodeSdk.EnsureAvailable();
        var verifier = new WebhookVerifier([Key], TimeProvider.System);
        var token = (await NodeSdk.SignWebhooksAsync(Key, [BodyText], TestContext.Current.CancellationToken))[0];
        var tampered = Body;
        tampered[^2] ^= 0x01;

        var result = verifier.Verify(token, tampered);

        Assert.Equal(WebhookFailureReason.BodyMismatch, result.Reason);
    }

    [Fact]
    public async Task Node_SDK_token_is_refused_by_a_verifier_with_another_secret()
    {
        NodeSdk.EnsureAvailable();
        var verifier = new WebhookVerifier([new WebhookKey(ApiKey, "not-the-secret")], TimeProvider.System);
        var token = (await NodeSdk.SignWebhooksAsync(Key, [BodyText], TestContext.Current.CancellationToken))[0];

        var result = verifier.Verify(token, Body);

        Assert.Equal(WebhookFailureReason.BadSignature, result.Reason);
    }

    [Fact]
    public async Task Our_webhook_token_passes_the_SDK_WebhookReceiver_for_its_body()
    {
        NodeSdk.EnsureAvailable();
        var token = AccessTokenWriter.SignWebhook(Key, Body, TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));

        var error = await NodeSdk.ReceiveWebhookAsync(Key, BodyText, token, TestContext.Current.CancellationToken);

        Assert.Null(error);
    }

    [Fact]
    public async Task Our_webhook_token_fails_the_SDK_WebhookReceiver_for_another_body()
    {
        NodeSdk.EnsureAvailable();
        var token = AccessTokenWriter.SignWebhook(Key, Body, TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));

        var error = await NodeSdk.ReceiveWebhookAsync(Key, Bodies[1], token, TestContext.Current.CancellationToken);

        Assert.Equal("sha256 checksum of body does not match", error);
    }

    [Fact]
    public async Task Our_server_token_passes_the_SDK_TokenVerifier_with_its_grants()
    {
        NodeSdk.EnsureAvailable();
        var grants = new Dictionary<string, object>
        {
            ["video"] = new Dictionary<string, object> { ["roomAdmin"] = true, ["room"] = "call_+14155550123_Ab3dEf6hJk9m" },
            ["sip"] = new Dictionary<string, object> { ["call"] = true },
        };
        var token = AccessTokenWriter.Sign(DevKey, grants, "switchboard", TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(10));

        var claims = await NodeSdk.VerifyTokenAsync(DevKey, token, TestContext.Current.CancellationToken);

        Assert.Equal("switchboard", claims.GetProperty("sub").GetString());
        Assert.True(claims.GetProperty("video").GetProperty("roomAdmin").GetBoolean());
        Assert.Equal("call_+14155550123_Ab3dEf6hJk9m", claims.GetProperty("video").GetProperty("room").GetString());
        Assert.True(claims.GetProperty("sip").GetProperty("call").GetBoolean());
    }
}
