using System.ComponentModel.DataAnnotations;

namespace Switchboard.Web;

/// <summary><c>Switchboard:*</c> settings.</summary>
public sealed class SwitchboardOptions
{
    public const string Section = "Switchboard";

    /// <summary>Verify LiveKit-style signatures on webhooks. <c>false</c> is for local development only (a warning is logged at start-up).</summary>
    public bool RequireSignature { get; set; } = true;

    /// <summary>
    /// Key/secret pairs accepted on signed webhooks (several, for rotation). <c>LiveKit:ApiKey</c>/<c>LiveKit:ApiSecret</c>
    /// is accepted too when set.
    /// </summary>
    public List<WebhookKeyOptions> WebhookKeys { get; set; } = [];

    /// <summary>Keys for the admin API (<c>Authorization: Bearer</c> or <c>X-Api-Key</c>). With none, the admin API refuses every request.</summary>
    public List<string> AdminKeys { get; set; } = [];

    /// <summary>How often the routing table checks the database for a configuration applied elsewhere.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ConfigRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a client may send its body slower than 240 bytes/s before it is answered 408 (Kestrel's minimum body data rate grace period).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>LiveKit's proposed dynamic-dispatch webhook (experimental): off until a token is configured.</summary>
    public DynamicDispatchOptions DynamicDispatch { get; set; } = new();
}

public sealed class WebhookKeyOptions
{
    [Required] public string ApiKey { get; set; } = "";

    [Required] public string ApiSecret { get; set; } = "";
}

/// <summary>
/// <c>Switchboard:DynamicDispatch:*</c>. LiveKit's proposal signs nothing, so the endpoint is guarded by a secret in its URL
/// and, optionally, by the sources it accepts. Checked on start by <see cref="Routing.DynamicDispatchOptionsValidation"/>.
/// </summary>
public sealed class DynamicDispatchOptions
{
    /// <summary>Secrets accepted as the URL's last segment (several, for rotation). None: the endpoint answers 404. Never logged, never returned.</summary>
    public List<string> Tokens { get; set; } = [];

    /// <summary>IP addresses or CIDR ranges the endpoint accepts requests from. None: any source.</summary>
    public List<string> AllowedSources { get; set; } = [];
}
