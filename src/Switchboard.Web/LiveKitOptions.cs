namespace Switchboard.Web;

/// <summary><c>LiveKit:*</c> settings. Needed only by modes that call LiveKit; the key pair also signs and verifies webhooks.</summary>
public sealed class LiveKitOptions
{
    public const string Section = "LiveKit";

    public string? Url { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Never logged, never returned.</summary>
    public string? ApiSecret { get; set; }
}
