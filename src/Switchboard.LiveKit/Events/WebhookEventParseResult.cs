using System.Diagnostics.CodeAnalysis;

namespace Switchboard.LiveKit.Events;

/// <summary>
/// The outcome of <see cref="WebhookEventParser.Parse"/>: the event, or why the body is not one. <see cref="Error"/> names the
/// offending field's JSON path (<c>participant.attributes</c>) and never quotes a field's value, so it is safe to log.
/// </summary>
public sealed record WebhookEventParseResult
{
    private WebhookEventParseResult(WebhookEvent? webhookEvent, string? error)
    {
        Event = webhookEvent;
        Error = error;
    }

    /// <summary>The event; set only when <see cref="IsSuccess"/>.</summary>
    public WebhookEvent? Event { get; }

    /// <summary>Why the body is not a webhook event; null when <see cref="IsSuccess"/>.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Event is not null;

    internal static WebhookEventParseResult Success(WebhookEvent webhookEvent) => new(webhookEvent, null);

    internal static WebhookEventParseResult Failure(string error) => new(null, error);
}
