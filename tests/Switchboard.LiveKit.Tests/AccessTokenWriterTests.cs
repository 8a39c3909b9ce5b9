using System.Text;
using System.Text.Json;
using Xunit;
using static Switchboard.LiveKit.Tests.TestTokens;

namespace Switchboard.LiveKit.Tests;

public sealed class AccessTokenWriterTests
{
    private static readonly DateTimeOffset SigningTime = DateTimeOffset.FromUnixTimeSeconds(SignedAt);

    [Fact]
    public void Webhook_token_for_the_test_vector_is_byte_for_byte_what_LiveKit_sends()
    {
        var token = AccessTokenWriter.SignWebhook(Key, Body, SigningTime, TimeSpan.FromMinutes(5));

        Assert.Equal(Authorization, token);
    }

    [Fact]
    public void Webhook_token_verifies_for_its_body()
    {
        var body = Encoding.UTF8.GetBytes("""{"event":"participant_joined","id":"EV_RoundTrip0001"}""");
        var token = AccessTokenWriter.SignWebhook(Key, body, SigningTime, TimeSpan.FromMinutes(5));

        var result = Verifier(SignedAt + 10).Verify(token, body);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(ApiKey, result.ApiKey);
    }

    [Fact]
    public void Webhook_token_signed_with_a_short_dev_secret_verifies()
    {
        var devKey = new WebhookKey("devkey", "secret");   // livekit-server --dev
        var token = AccessTokenWriter.SignWebhook(devKey, Body, SigningTime, TimeSpan.FromMinutes(5));

        var result = Verifier(SignedAt, devKey).Verify(token, Body);

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Webhook_token_for_one_body_is_refused_for_another()
    {
        var token = AccessTokenWriter.SignWebhook(Key, Body, SigningTime, TimeSpan.FromMinutes(5));

        var result = Verifier(SignedAt).Verify(token, "{}"u8);

        Assert.Equal(WebhookFailureReason.BodyMismatch, result.Reason);
    }

    [Fact]
    public void Server_token_carries_identity_times_and_grants_as_json_objects()
    {
        var grants = new Dictionary<string, object>
        {
            ["video"] = new Dictionary<string, object> { ["roomAdmin"] = true, ["room"] = "call_+14155550123_Ab3dEf6hJk9m" },
            ["sip"] = new { Admin = false, Call = true },
        };

        var token = AccessTokenWriter.Sign(Key, grants, "switchboard", SigningTime, TimeSpan.FromMinutes(10));

        using var payload = JsonDocument.Parse(DecodePayload(token));
        var claims = payload.RootElement;
        Assert.Equal(ApiKey, claims.GetProperty("iss").GetString());
        Assert.Equal("switchboard", claims.GetProperty("sub").GetString());
        Assert.Equal(SignedAt, claims.GetProperty("nbf").GetInt64());
        Assert.Equal(SignedAt, claims.GetProperty("iat").GetInt64());
        Assert.Equal(SignedAt + 600, claims.GetProperty("exp").GetInt64());
        Assert.True(claims.GetProperty("video").GetProperty("roomAdmin").GetBoolean());
        Assert.Equal("call_+14155550123_Ab3dEf6hJk9m", claims.GetProperty("video").GetProperty("room").GetString());
        Assert.True(claims.GetProperty("sip").GetProperty("call").GetBoolean());
        Assert.StartsWith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.", token, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_token_without_identity_has_no_sub()
    {
        var token = AccessTokenWriter.Sign(Key, new Dictionary<string, object>(), identity: null, SigningTime, TimeSpan.FromMinutes(10));

        using var payload = JsonDocument.Parse(DecodePayload(token));
        Assert.False(payload.RootElement.TryGetProperty("sub", out _));
    }

    [Theory]
    [InlineData("iss")]
    [InlineData("exp")]
    [InlineData("sub")]
    public void Extra_claims_cannot_replace_registered_claims(string claim)
    {
        var extra = new Dictionary<string, object> { [claim] = "forged" };

        Assert.Throws<ArgumentException>(() => AccessTokenWriter.Sign(Key, extra, "switchboard", SigningTime, TimeSpan.FromMinutes(10)));
    }
}
