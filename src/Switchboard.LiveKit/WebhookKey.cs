namespace Switchboard.LiveKit;

/// <summary>A LiveKit API key and its secret. The secret signs tokens as its UTF-8 bytes, used as-is (livekit.md §1.2).</summary>
public sealed record WebhookKey(string ApiKey, string ApiSecret)
{
    // A record prints every property; this one must never put the secret into a log line or an exception.
    public override string ToString() => $"WebhookKey {{ ApiKey = {ApiKey} }}";
}
