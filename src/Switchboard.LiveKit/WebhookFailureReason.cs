namespace Switchboard.LiveKit;

/// <summary>Why <see cref="WebhookVerifier"/> refused a request.</summary>
public enum WebhookFailureReason
{
    /// <summary>No Authorization header, or an empty one.</summary>
    Missing,

    /// <summary>Not a compact JWS, bad Base64url or JSON, or a required claim (<c>exp</c>) missing or mistyped.</summary>
    Malformed,

    /// <summary>The header's <c>alg</c> is not HS256.</summary>
    UnsupportedAlgorithm,

    /// <summary>The <c>iss</c> claim names no configured API key.</summary>
    UnknownKey,

    /// <summary>The HMAC does not match the configured secret of the key named by <c>iss</c>.</summary>
    BadSignature,

    /// <summary>Past <c>exp</c> plus the leeway.</summary>
    Expired,

    /// <summary>Before <c>nbf</c> minus the leeway.</summary>
    NotYetValid,

    /// <summary>The <c>sha256</c> claim is missing or does not match the body.</summary>
    BodyMismatch,
}
