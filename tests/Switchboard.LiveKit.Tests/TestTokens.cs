using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Switchboard.LiveKit.Tests;

/// <summary>The synthetic test vector of livekit.md §1.2, and hand-built tokens for the cases no signer would produce.</summary>
internal static class TestTokens
{
    public const string ApiKey = "APItestkey";
    public const string ApiSecret = "test-secret-0123456789";
    public const long SignedAt = 1760000000;
    public const long Expires = 1760000300;
    public const string BodyText =
        """{"event":"room_started","room":{"sid":"RM_TestRoom0001","name":"call_+14155550123_Ab3dEf6hJk9m","emptyTimeout":300,"departureTimeout":20,"creationTime":"1760000000"},"id":"EV_TestEvent001","createdAt":"1760000000"}""";
    public const string BodyDigest = "0wreF/7Jn05b+ac7gytnx7T4Q8VD6Hk5WmSxJtZ89Jo=";
    public const string Authorization =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3NjAwMDAzMDAsImlhdCI6MTc2MDAwMDAwMCwiaXNzIjoiQVBJdGVzdGtleSIsIm5iZiI6MTc2MDAwMDAwMCwic2hhMjU2IjoiMHdyZUYvN0puMDViK2FjN2d5dG54N1Q0UThWRDZIazVXbVN4SnRaODlKbz0ifQ.3-zU6yNo3thxg6sI31Pq1DnjBtsAHEtnjTBGz27JGhw";

    public static readonly WebhookKey Key = new(ApiKey, ApiSecret);
    public static byte[] Body => Encoding.UTF8.GetBytes(BodyText);

    /// <summary>The vector's claims, for tokens that differ from it in one respect.</summary>
    public static readonly string Payload = $$"""{"exp":{{Expires}},"iat":{{SignedAt}},"iss":"{{ApiKey}}","nbf":{{SignedAt}},"sha256":"{{BodyDigest}}"}""";

    public static WebhookVerifier Verifier(long unixSeconds, params WebhookKey[] keys) =>
        new(keys.Length == 0 ? [Key] : keys, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    /// <summary>An HS256 token over any header and payload, signed with the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static string Hs256(string payloadJson, string secret = ApiSecret, string headerJson = """{"alg":"HS256","typ":"JWT"}""") =>
        Signed(headerJson, payloadJson, input => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), input));

    public static string Signed(string headerJson, string payloadJson, Func<byte[], byte[]> sign)
    {
        var signingInput = $"{Encode(headerJson)}.{Encode(payloadJson)}";
        return $"{signingInput}.{Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signingInput)))}";
    }

    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string DecodePayload(string token) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[1]));
}
