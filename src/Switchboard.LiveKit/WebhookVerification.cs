using System.Diagnostics.CodeAnalysis;

namespace Switchboard.LiveKit;

/// <summary>
/// The outcome of <see cref="WebhookVerifier.Verify"/>: the API key that signed the request, or why it was refused.
/// <see cref="Message"/> is safe to log or return: it never holds a secret or the token.
/// </summary>
public sealed record WebhookVerification
{
    private WebhookVerification(string? apiKey, WebhookFailureReason? reason, string message)
    {
        ApiKey = apiKey;
        Reason = reason;
        Message = message;
    }

    /// <summary>The key that signed the request; set only when <see cref="IsValid"/>.</summary>
    public string? ApiKey { get; }

    /// <summary>Why the request was refused; null when <see cref="IsValid"/>.</summary>
    public WebhookFailureReason? Reason { get; }

    public string Message { get; }

    [MemberNotNullWhen(true, nameof(ApiKey))]
    public bool IsValid => ApiKey is not null;

    public static WebhookVerification Verified(string apiKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        return new(apiKey, null, "The request is signed by a configured API key.");
    }

    public static WebhookVerification Failed(WebhookFailureReason reason, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        return new(null, reason, message);
    }
}
