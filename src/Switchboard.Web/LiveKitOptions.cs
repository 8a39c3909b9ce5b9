namespace Switchboard.Web;

/// <summary><c>LiveKit:*</c> settings. Needed only by modes that call LiveKit; the key pair also signs and verifies webhooks.</summary>
public sealed class LiveKitOptions
{
    public const string Section = "LiveKit";

    /// <summary>LiveKit's server URL (<c>https://…</c> or <c>wss://…</c>), for its server API.</summary>
    public string? Url { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Never logged, never returned.</summary>
    public string? ApiSecret { get; set; }

    public LiveKitMode Mode { get; set; } = LiveKitMode.Events;

    /// <summary>Whether LiveKit's server API can be called: URL, key and secret are all set.</summary>
    public bool HasApi => !string.IsNullOrWhiteSpace(Url) && !string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(ApiSecret);

    /// <summary>Whether Switchboard acts on a caller joining a room (dispatches the agent, hangs up a rejected caller).</summary>
    public bool ActsOnJoin => Mode != LiveKitMode.Static && HasApi;
}
