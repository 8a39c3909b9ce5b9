using System.Security.Cryptography;
using System.Text;
using Xunit;
using static Switchboard.LiveKit.Tests.TestTokens;

namespace Switchboard.LiveKit.Tests;

public sealed class WebhookVerifierTests
{
    [Fact]
    public void LiveKit_test_vector_verifies_inside_its_lifetime()
    {
        var verifier = Verifier(1760000100);

        var result = verifier.Verify(Authorization, Body);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(ApiKey, result.ApiKey);
        Assert.Null(result.Reason);
    }

    [Theory]
    [InlineData(1759999940)]   // nbf - 60 s
    [InlineData(1760000360)]   // exp + 60 s
    public void Test_vector_verifies_at_the_edges_of_the_leeway(long unixSeconds)
    {
        var verifier = Verifier(unixSeconds);

        var result = verifier.Verify(Authorization, Body);

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Test_vector_is_expired_one_second_after_exp_plus_leeway()
    {
        var verifier = Verifier(1760000361);

        var result = verifier.Verify(Authorization, Body);

        Assert.Equal(WebhookFailureReason.Expired, result.Reason);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Test_vector_is_not_yet_valid_one_second_before_nbf_minus_leeway()
    {
        var verifier = Verifier(1759999939);

        var result = verifier.Verify(Authorization, Body);

        Assert.Equal(WebhookFailureReason.NotYetValid, result.Reason);
    }

    [Fact]
    public void Bearer_prefix_is_accepted()
    {
        var verifier = Verifier(1760000100);

        var result = verifier.Verify("Bearer " + Authorization, Body);

        Assert.True(result.IsValid, result.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bearer ")]
    [InlineData("Bearer")]
    public void Absent_or_empty_header_is_missing(string? header)
    {
        var verifier = Verifier(1760000100);

        var result = verifier.Verify(header, Body);

        Assert.Equal(WebhookFailureReason.Missing, result.Reason);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("a.b")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.bm90IGpzb24.3-zU6yNo3thxg6sI31Pq1DnjBtsAHEtnjTBGz27JGhw")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.x.y.z")]
    public void Garbage_is_malformed(string header)
    {
        var verifier = Verifier(1760000100);

        var result = verifier.Verify(header, Body);

        Assert.Equal(WebhookFailureReason.Malformed, result.Reason);
    }

    [Fact]
    public void Oversized_token_is_malformed_without_being_parsed()
    {
        var verifier = Verifier(1760000100);
        var huge = Hs256(Payload.Replace("}", $",\"pad\":\"{new string('x', 10_000)}\"}}", StringComparison.Ordinal));

        var result = verifier.Verify(huge, Body);

        Assert.Equal(WebhookFailureReason.Malformed, result.Reason);
    }

    [Fact]
    public void Alg_none_is_an_unsupported_algorithm()
    {
        var verifier = Verifier(1760000100);
        var token = Signed("""{"alg":"none","typ":"JWT"}""", Payload, _ => []);

        var result = verifier.Verify(token, Body);

        Assert.Equal(WebhookFailureReason.UnsupportedAlgorithm, result.Reason);
    }

    [Fact]
    public void HS384_is_an_unsupported_algorithm_even_with_the_right_secret()
    {
        var verifier = Verifier(1760000100);
        var token = Signed("""{"alg":"HS384","typ":"JWT"}""", Payload, input => HMACSHA384.HashData(Encoding.UTF8.GetBytes(ApiSecret), input));

        var result = verifier.Verify(token, Body);

        Assert.Equal(WebhookFailureReason.UnsupportedAlgorithm, result.Reason);
    }

    [Fact]
    public void RS256_is_an_unsupported_algorithm()
    {
        var verifier = Verifier(1760000100);
        using var rsa = RSA.Create(2048);
        var token = Signed("""{"alg":"RS256","typ":"JWT"}""", Payload, input => rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var result = verifier.Verify(token, Body);

        Assert.Equal(WebhookFailureReason.UnsupportedAlgorithm, result.Reason);
    }

    [Fact]
    public void Unknown_issuer_is_an_unknown_key()
    {
        var verifier = Verifier(1760000100, new WebhookKey("APIotherkey", ApiSecret));

        var result = verifier.Verify(Authorization, Body);

        Assert.Equal(WebhookFailureReason.UnknownKey, result.Reason);
    }

    [Fact]
    public void Missing_issuer_is_an_unknown_key()
    {
        var verifier = Verifier(1760000100);
        var token = Hs256($$"""{"exp":{{Expires}},"nbf":{{SignedAt}},"sha256":"{{BodyDigest}}"}""");

        var result = verifier.Verify(token, Body);

        Assert.Equal(WebhookFailureReason.UnknownKey, result.Reason);
    }

    [Fact]
    public void Wrong_secret_is_a_bad_signature()
    {
        var verifier = Verifier(1760000100, new WebhookKey(ApiKey, "another-secret-0123456789"));

        var result = verifier.Verify(Authorization, Body);

        Assert.Equal(WebhookFailureReason.BadSignature, result.Reason);
    }

    [Fact]
    public void Tampered_payload_is_a_bad_signature()
    {
        var verifier = Verifier(1760000100);
        var parts = Authorization.Split('.');
        var forged = Encode(Payload.Replace($"\"exp\":{Expires}", "\"exp\":1860000300", StringComparison.Ordinal));

        var result = verifier.Verify($"{parts[0]}.{forged}.{parts[2]}", Body);

        Assert.Equal(WebhookFailureReason.BadSignature, result.Reason);
    }

    [Fact]
    public void Body_tampered_by_one_byte_is_a_body_mismatch()
    {
        var verifier = Verifier(1760000100);
        var body = Body;
        body[^2] ^= 0x01;

        var result = verifier.Verify(Authorization, body);

        Assert.Equal(WebhookFailureReason.BodyMismatch, result.Reason);
    }

    [Fact]
    public void Missing_sha256_claim_is_a_body_mismatch()
    {
        var verifier = Verifier(1760000100);
        var token = Hs256($$"""{"exp":{{Expires}},"iat":{{SignedAt}},"iss":"{{ApiKey}}","nbf":{{SignedAt}}}""");

        var result = verifier.Verify(token, Body);

        Assert.Equal(WebhookFailureReason.BodyMismatch, result.Reason);
    }

    [Fact]
    public void Unpadded_sha256_claim_is_a_body_mismatch()
    {
        var verifier = Verifier(1760000100);
        var token = Hs256(Payload.Replace(BodyDigest, BodyDigest.TrimEnd('='), StringComparison.Ordinal));

        var result = verifier.Verify(token, Body);

        Assert.Equal(WebhookFailureReason.BodyMismatch, result.Reason);
    }

    [Fact]
    public void Missing_exp_claim_is_malformed()
    {
        var verifier = Verifier(1760000100);
        var token = Hs256($$"""{"iat":{{SignedAt}},"iss":"{{ApiKey}}","nbf":{{SignedAt}},"sha256":"{{BodyDigest}}"}""");

        var result = verifier.Verify(token, Body);

        Assert.Equal(WebhookFailureReason.Malformed, result.Reason);
    }

    [Fact]
    public void Token_without_nbf_verifies()
    {
        var verifier = Verifier(1760000100);
        var token = Hs256($$"""{"exp":{{Expires}},"iss":"{{ApiKey}}","sha256":"{{BodyDigest}}"}""", headerJson: """{"alg":"HS256"}""");

        var result = verifier.Verify(token, Body);

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Second_key_pair_verifies_during_rotation()
    {
        var next = new WebhookKey("APInextkey", "next-secret");
        var verifier = Verifier(1760000100, Key, next);
        var token = AccessTokenWriter.SignWebhook(next, Body, DateTimeOffset.FromUnixTimeSeconds(SignedAt), TimeSpan.FromMinutes(5));

        var fromNext = verifier.Verify(token, Body);
        var fromCurrent = verifier.Verify(Authorization, Body);

        Assert.Equal("APInextkey", fromNext.ApiKey);
        Assert.Equal(ApiKey, fromCurrent.ApiKey);
    }

    [Fact]
    public void Token_naming_one_key_but_signed_with_another_keys_secret_is_a_bad_signature()
    {
        var next = new WebhookKey("APInextkey", "next-secret");
        var verifier = Verifier(1760000100, Key, next);
        var token = Hs256(Payload, secret: next.ApiSecret);

        var result = verifier.Verify(token, Body);

        Assert.Equal(WebhookFailureReason.BadSignature, result.Reason);
    }

    [Fact]
    public void Failure_messages_never_contain_the_secret_or_the_token()
    {
        var verifier = Verifier(1760000100, new WebhookKey(ApiKey, "another-secret-0123456789"));
        string[] headers = [Authorization, "garbage", Hs256(Payload), Signed("""{"alg":"none"}""", Payload, _ => [])];

        var messages = headers.Select(header => verifier.Verify(header, Body).Message).ToList();

        Assert.All(messages, message =>
        {
            Assert.DoesNotContain(ApiSecret, message, StringComparison.Ordinal);
            Assert.DoesNotContain("another-secret", message, StringComparison.Ordinal);
            Assert.DoesNotContain("eyJ", message, StringComparison.Ordinal);   // every JWT here starts with it
        });
    }

    [Fact]
    public void Same_api_key_configured_twice_is_refused()
    {
        WebhookKey[] keys = [Key, new(ApiKey, "other")];

        var exception = Assert.Throws<ArgumentException>(() => new WebhookVerifier(keys, TimeProvider.System));

        Assert.DoesNotContain(ApiSecret, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verifier_without_keys_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new WebhookVerifier([], TimeProvider.System));
    }

    [Fact]
    public void Webhook_key_never_prints_its_secret()
    {
        var text = Key.ToString();

        Assert.Contains(ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiSecret, text, StringComparison.Ordinal);
    }
}
