using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.LiveKit;

/// <summary>
/// Mints LiveKit-style HS256 JWTs (livekit.md §1.2 and §2): header <c>{"alg":"HS256","typ":"JWT"}</c>, times in Unix seconds,
/// claims in name order like LiveKit's Go signer, so a webhook token for the same inputs is byte-for-byte the one LiveKit sends.
/// </summary>
public static class AccessTokenWriter
{
    // Base64url of {"alg":"HS256","typ":"JWT"}.
    private const string EncodedHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    private static readonly string[] ReservedClaims = ["iss", "sub", "nbf", "iat", "exp"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Grant objects (video, sip) use camelCase names and leave unset grants out, as LiveKit's SDKs do.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The payload is Base64url-encoded, never embedded in HTML; keep '+' in the sha256 claim as '+' like Go does.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Signs a webhook request the way LiveKit's sender does: <c>iss</c>, <c>nbf</c>, <c>iat</c>, <c>exp</c> and the body's <c>sha256</c>.</summary>
    public static string SignWebhook(WebhookKey key, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan validFor)
    {
        Span<char> digest = stackalloc char[Hs256.BodyDigestLength];
        Hs256.WriteBodyDigest(body, digest);
        return Sign(key, new Dictionary<string, object>(1) { ["sha256"] = digest.ToString() }, identity: null, now, validFor);
    }

    /// <summary>Signs a token with <c>iss</c>, <c>nbf</c>, <c>iat</c>, <c>exp</c>, <c>sub</c> (when <paramref name="identity"/> is given) and extra claims.</summary>
    /// <remarks>
    /// Extra claims are e.g. <c>video</c> and <c>sip</c> grants (livekit.md §2) as objects or dictionaries; object properties are
    /// written in camelCase, dictionary keys as given. They may not replace <c>iss</c>, <c>sub</c>, <c>nbf</c>, <c>iat</c> or <c>exp</c>.
    /// </remarks>
    public static string Sign(WebhookKey key, IReadOnlyDictionary<string, object> extraClaims, string? identity, DateTimeOffset now, TimeSpan validFor)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(key.ApiKey, nameof(key));
        ArgumentException.ThrowIfNullOrEmpty(key.ApiSecret, nameof(key));
        ArgumentNullException.ThrowIfNull(extraClaims);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero);

        var issuedAt = now.ToUnixTimeSeconds();
        var claims = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = key.ApiKey,
            ["nbf"] = issuedAt,
            ["iat"] = issuedAt,
            ["exp"] = now.Add(validFor).ToUnixTimeSeconds(),
        };
        if (!string.IsNullOrEmpty(identity))
        {
            claims["sub"] = identity;
        }

        foreach (var (name, value) in extraClaims)
        {
            if (ReservedClaims.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Claim '{name}' is set by the writer, not by extra claims.", nameof(extraClaims));
            }

            claims.Add(name, value);
        }

        var signingInput = $"{EncodedHeader}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, Json))}";
        Span<byte> mac = stackalloc byte[Hs256.MacSize];
        HMACSHA256.HashData(Hs256.KeyBytes(key.ApiSecret), Encoding.ASCII.GetBytes(signingInput), mac);
        return $"{signingInput}.{Base64Url.EncodeToString(mac)}";
    }
}
