namespace Switchboard.LiveKit.Api;

/// <summary>
/// <c>LiveKit:*</c> settings for the server API client. Checked only when a client is first resolved, so a service that
/// never calls LiveKit starts without them.
/// </summary>
public sealed class LiveKitApiOptions
{
    public const string Section = "LiveKit";

    /// <summary>The server's URL: <c>https://</c> or <c>http://</c>, or the <c>wss://</c>/<c>ws://</c> form SDKs are given.</summary>
    public string? Url { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Signs each request's token. Never logged, never put in an exception.</summary>
    public string? ApiSecret { get; set; }

    /// <summary>Time allowed for one HTTP attempt; also sent to LiveKit as <c>X-Twirp-Timeout-Ms</c>.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for a call, retries and back-off included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after a transport error, a timeout, 429 or 5xx; only for methods that create nothing. 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First back-off delay; it grows exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long each request's token is valid (a call lasting longer gets a token that outlives it).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
