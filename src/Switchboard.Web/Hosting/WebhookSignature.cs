using Microsoft.Extensions.Options;
using Switchboard.LiveKit;

namespace Switchboard.Web.Hosting;

/// <summary>
/// Checks LiveKit-style signatures on our webhooks with the configured key pairs
/// (<c>Switchboard:WebhookKeys</c> plus <c>LiveKit:ApiKey</c>/<c>ApiSecret</c>).
/// </summary>
public sealed class WebhookSignature
{
    private readonly WebhookVerifier? _verifier;
    private readonly SwitchboardMetrics _metrics;

    public WebhookSignature(IOptions<SwitchboardOptions> options, IOptions<LiveKitOptions> liveKit, TimeProvider clock, SwitchboardMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(liveKit);
        Required = options.Value.RequireSignature;
        _metrics = metrics;
        var keys = Keys(options.Value, liveKit.Value).ToList();
        _verifier = keys.Count > 0 ? new WebhookVerifier(keys, clock) : null;
    }

    public bool Required { get; }

    public bool HasKeys => _verifier is not null;

    /// <summary>Null when the request may proceed; otherwise why it may not (never naming a secret).</summary>
    public string? Refusal(HttpRequest request, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Required)
        {
            return null;
        }

        if (_verifier is null)
        {
            _metrics.SignatureRefused("no_keys");
            return "No webhook key is configured, so no signature can be checked.";
        }

        var verification = _verifier.Verify(request.Headers.Authorization.ToString(), body);
        if (verification.IsValid)
        {
            return null;
        }

        _metrics.SignatureRefused(verification.Reason?.ToString() ?? "unknown");
        return verification.Message;
    }

    /// <summary>The configured key pairs, each API key once (the first pair that names it wins).</summary>
    public static IEnumerable<WebhookKey> Keys(SwitchboardOptions options, LiveKitOptions liveKit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(liveKit);
        var pairs = options.WebhookKeys.Select(k => new WebhookKey(k.ApiKey, k.ApiSecret));
        if (!string.IsNullOrEmpty(liveKit.ApiKey) && !string.IsNullOrEmpty(liveKit.ApiSecret))
        {
            pairs = pairs.Append(new WebhookKey(liveKit.ApiKey, liveKit.ApiSecret));
        }

        return pairs.Where(k => k.ApiKey.Length > 0 && k.ApiSecret.Length > 0).DistinctBy(k => k.ApiKey, StringComparer.Ordinal);
    }
}
