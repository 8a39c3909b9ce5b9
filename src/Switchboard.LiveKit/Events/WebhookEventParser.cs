using System.Text.Json;
using System.Text.Unicode;

namespace Switchboard.LiveKit.Events;

/// <summary>
/// Reads LiveKit webhook bodies: one <c>WebhookEvent</c> in protojson (livekit.md §1.3). Accepts what protojson readers
/// accept: lowerCamelCase or proto snake_case field names, 64-bit integers as JSON strings or numbers, enums as value names
/// or numbers, <c>null</c> for an absent field; unknown fields are skipped, absent fields hold their defaults, and an enum
/// name this version does not know reads as the enum's <c>Unrecognized</c> member. Thread-safe and allocation-light: it
/// allocates the event's records and strings, and nothing for fields it skips.
/// </summary>
/// <remarks>
/// Parse only a body whose signature <see cref="WebhookVerifier"/> accepted. Fields this model does not hold (a room's
/// <c>turnPassword</c>, a track's layers, …) are skipped unread, like unknown ones.
/// </remarks>
public static class WebhookEventParser
{
    /// <summary>The deepest nesting accepted. An event needs 5 levels; unknown fields may nest deeper, but not without bound.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses a webhook body; never throws for bad input.</summary>
    /// <param name="utf8Body">The request body exactly as received (the bytes whose signature was checked).</param>
    public static WebhookEventParseResult Parse(ReadOnlySpan<byte> utf8Body)
    {
        // The JSON reader checks structure, not UTF-8 inside strings: check it first, in one vectorized pass.
        if (!Utf8.IsValid(utf8Body))
        {
            return WebhookEventParseResult.Failure("The body is not valid UTF-8.");
        }

        var reader = new WebhookEventReader(utf8Body, MaxDepth);
        try
        {
            return reader.ReadEvent() is { } webhookEvent
                ? WebhookEventParseResult.Success(webhookEvent)
                : WebhookEventParseResult.Failure(reader.Error!);
        }
        catch (JsonException exception)
        {
            // Utf8JsonReader reports malformed JSON, trailing content and excess depth only by throwing.
            return WebhookEventParseResult.Failure($"The body is not well-formed JSON: {exception.Message}");
        }
    }
}
