using System.Buffers;
using System.Buffers.Text;
using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Switchboard.LiveKit;

/// <summary>
/// Verifies the Authorization JWT LiveKit puts on webhook requests, as livekit.md §1.2 describes: HS256 only, the secret
/// chosen by <c>iss</c> among several keys (rotation), <c>exp</c> required, <c>exp</c>/<c>nbf</c> checked with LiveKit's
/// 60 s leeway, and the <c>sha256</c> claim matched against the raw body. Thread-safe; build one and share it.
/// </summary>
/// <remarks>
/// Microsoft.IdentityModel parses the token; the checks are ours because its validator cannot do them here: it refuses
/// HMAC keys under 256 bits, cannot take our <see cref="TimeProvider"/>, and reports failures as exceptions.
/// </remarks>
public sealed class WebhookVerifier
{
    /// <summary>Clock skew allowed on <c>exp</c> and <c>nbf</c>, as LiveKit's Go verifier (<c>protocol/auth/verifier.go</c>).</summary>
    public static readonly TimeSpan Leeway = TimeSpan.FromMilliseconds(LeewayMilliseconds);

    private const long LeewayMilliseconds = 60_000;

    // LiveKit's webhook tokens are ~300 characters; anything near this is not one, and is not worth parsing.
    private const int MaxTokenLength = 8 * 1024;
    private const string BearerScheme = "Bearer";

    private static readonly WebhookVerification Missing = Fail(WebhookFailureReason.Missing, "The Authorization header is missing or empty.");
    private static readonly WebhookVerification Malformed = Fail(WebhookFailureReason.Malformed, "The Authorization header is not a well-formed JWT.");
    private static readonly WebhookVerification NoExpiry = Fail(WebhookFailureReason.Malformed, "The token has no integer exp claim.");
    private static readonly WebhookVerification BadNotBefore = Fail(WebhookFailureReason.Malformed, "The token's nbf claim is not an integer.");
    private static readonly WebhookVerification Algorithm = Fail(WebhookFailureReason.UnsupportedAlgorithm, "The token is not signed with HS256.");
    private static readonly WebhookVerification UnknownKey = Fail(WebhookFailureReason.UnknownKey, "The token's issuer is not a configured API key.");
    private static readonly WebhookVerification BadSignature = Fail(WebhookFailureReason.BadSignature, "The token's signature does not match its API key.");
    private static readonly WebhookVerification Expired = Fail(WebhookFailureReason.Expired, "The token has expired.");
    private static readonly WebhookVerification NotYetValid = Fail(WebhookFailureReason.NotYetValid, "The token is not valid yet.");
    private static readonly WebhookVerification NoDigest = Fail(WebhookFailureReason.BodyMismatch, "The token has no sha256 claim.");
    private static readonly WebhookVerification BodyMismatch = Fail(WebhookFailureReason.BodyMismatch, "The body does not match the token's sha256 claim.");

    private readonly FrozenDictionary<string, Key> _keys;
    private readonly TimeProvider _clock;

    public WebhookVerifier(IEnumerable<WebhookKey> keys, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(clock);
        var byApiKey = new Dictionary<string, Key>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            ArgumentException.ThrowIfNullOrEmpty(key.ApiKey, nameof(keys));
            ArgumentException.ThrowIfNullOrEmpty(key.ApiSecret, nameof(keys));
            if (!byApiKey.TryAdd(key.ApiKey, new Key(Hs256.KeyBytes(key.ApiSecret), WebhookVerification.Verified(key.ApiKey))))
            {
                throw new ArgumentException($"API key '{key.ApiKey}' is configured twice.", nameof(keys));
            }
        }

        if (byApiKey.Count == 0)
        {
            throw new ArgumentException("At least one API key is required.", nameof(keys));
        }

        _keys = byApiKey.ToFrozenDictionary(StringComparer.Ordinal);
        _clock = clock;
    }

    /// <summary>Checks a request's Authorization header (a JWT, bare as LiveKit sends it or with <c>Bearer </c>) against its raw body.</summary>
    /// <param name="authorizationHeader">The Authorization header value, or null when absent.</param>
    /// <param name="body">The exact body bytes as received, before any JSON parsing.</param>
    public WebhookVerification Verify(string? authorizationHeader, ReadOnlySpan<byte> body)
    {
        var token = TokenOf(authorizationHeader);
        if (token.IsEmpty)
        {
            return Missing;
        }

        if (token.Length > MaxTokenLength || token.Span.Count('.') != 2 || Parse(token) is not { } jwt)
        {
            return Malformed;
        }

        if (!string.Equals(jwt.Alg, Hs256.Algorithm, StringComparison.Ordinal))
        {
            return Algorithm;
        }

        if (!_keys.TryGetValue(jwt.Issuer, out var key))
        {
            return UnknownKey;
        }

        if (!SignatureMatches(token.Span, key.Secret))
        {
            return BadSignature;
        }

        if (!jwt.TryGetPayloadValue<long>("exp", out var expires))
        {
            return NoExpiry;
        }

        var notBefore = long.MinValue;
        if (jwt.TryGetPayloadValue<object>("nbf", out _) && !jwt.TryGetPayloadValue("nbf", out notBefore))
        {
            return BadNotBefore;
        }

        // In milliseconds, so 0.5 s past exp + leeway is already expired (as in Go); Int128, so a huge exp cannot overflow.
        Int128 now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (now - LeewayMilliseconds > (Int128)expires * 1000)
        {
            return Expired;
        }

        if (now + LeewayMilliseconds < (Int128)notBefore * 1000)
        {
            return NotYetValid;
        }

        if (!jwt.TryGetPayloadValue<string>("sha256", out var claimedDigest) || claimedDigest is null)
        {
            return NoDigest;
        }

        return BodyMatches(body, claimedDigest) ? key.Verified : BodyMismatch;
    }

    private static ReadOnlyMemory<char> TokenOf(string? authorizationHeader)
    {
        // LiveKit sends the bare token; a "Bearer" scheme (any case, RFC 9110) is accepted too.
        var token = authorizationHeader.AsMemory().Trim();
        var span = token.Span;
        if (span.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase)
            && (span.Length == BearerScheme.Length || char.IsWhiteSpace(span[BearerScheme.Length])))
        {
            token = token[BearerScheme.Length..].TrimStart();
        }

        return token;
    }

    private static JsonWebToken? Parse(ReadOnlyMemory<char> token)
    {
        try
        {
            return new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            // The library reports bad Base64url or JSON only by throwing (SecurityTokenMalformedException and plain ArgumentException).
            return null;
        }
    }

    private static bool SignatureMatches(ReadOnlySpan<char> token, ReadOnlySpan<byte> secret)
    {
        var lastDot = token.LastIndexOf('.');
        Span<byte> claimed = stackalloc byte[Hs256.MacSize];
        if (Base64Url.DecodeFromChars(token[(lastDot + 1)..], claimed, out _, out var written) != OperationStatus.Done
            || written != Hs256.MacSize)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[Hs256.MacSize];
        return Hs256.TryComputeMac(secret, token[..lastDot], expected) && CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    private static bool BodyMatches(ReadOnlySpan<byte> body, string claimedDigest)
    {
        Span<char> expected = stackalloc char[Hs256.BodyDigestLength];
        Hs256.WriteBodyDigest(body, expected);
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected), MemoryMarshal.AsBytes(claimedDigest.AsSpan()));
    }

    private static WebhookVerification Fail(WebhookFailureReason reason, string message) => WebhookVerification.Failed(reason, message);

    private sealed record Key(byte[] Secret, WebhookVerification Verified);
}
