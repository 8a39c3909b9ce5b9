using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.LiveKit.StandIn;

/// <summary>
/// LiveKit's API token check (livekit.md §2), written for the stand-in: HS256 only, the secret chosen by <c>iss</c>,
/// <c>exp</c> required, 60 s leeway on <c>exp</c> and <c>nbf</c>. Failures are plain-text 401s, as LiveKit's middleware
/// answers before Twirp sees the request.
/// </summary>
internal static class TokenCheck
{
    public static readonly TimeSpan Leeway = TimeSpan.FromSeconds(60);

    /// <summary>The verified claims, or the plain-text reason the token is refused.</summary>
    public static (JsonObject? Claims, string? Problem) Verify(string token, IReadOnlyDictionary<string, string> secrets, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || Decode(parts[0]) is not { } header || Decode(parts[1]) is not { } claims)
        {
            return (null, "invalid authorization token: not a JWT");
        }

        if (header["alg"]?.GetValueKind() != JsonValueKind.String || header["alg"]!.GetValue<string>() != "HS256")
        {
            return (null, "invalid authorization token: algorithm is not HS256");
        }

        if (claims["iss"] is not JsonValue issuer || issuer.GetValueKind() != JsonValueKind.String || !secrets.TryGetValue(issuer.GetValue<string>(), out var secret))
        {
            return (null, "invalid API key");
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return (null, "invalid authorization token: bad signature encoding");
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return (null, "invalid authorization token: signature mismatch");
        }

        if (Seconds(claims["exp"]) is not { } expires)
        {
            return (null, "invalid authorization token: no exp claim");
        }

        if (now - Leeway > DateTimeOffset.FromUnixTimeSeconds(expires))
        {
            return (null, "invalid authorization token: token has expired");
        }

        if (claims["nbf"] is not null)
        {
            if (Seconds(claims["nbf"]) is not { } notBefore)
            {
                return (null, "invalid authorization token: nbf is not a number");
            }

            if (now + Leeway < DateTimeOffset.FromUnixTimeSeconds(notBefore))
            {
                return (null, "invalid authorization token: token is not valid yet");
            }
        }

        return (claims, null);
    }

    private static JsonObject? Decode(string part)
    {
        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(part)) as JsonObject;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    private static long? Seconds(JsonNode? value) =>
        value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue<long>(out var seconds) ? seconds : null;
}
