namespace Switchboard.Data.Entities;

/// <summary>
/// One applied configuration change. The newest row also holds the global settings (default agent,
/// default region, global blocklist) in force since that version.
/// </summary>
public sealed class ConfigVersion
{
    public long Version { get; set; }

    public DateTime AppliedAtUtc { get; set; }

    /// <summary>Who applied it: <c>cli</c>, <c>api</c>, <c>demo</c>.</summary>
    public required string Source { get; set; }

    /// <summary>What changed, one line per change, for people.</summary>
    public required string Summary { get; set; }

    public string? DefaultAgent { get; set; }

    public required string DefaultRegion { get; set; }

    public string BlockedCallersJson { get; set; } = "[]";

    /// <summary>The configuration's <c>livekit</c> section (trunks and dispatch rules) in LiveKit's JSON field names, or null when it has none.</summary>
    public string? LiveKitJson { get; set; }
}
