using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Web.Hosting;

namespace Switchboard.Web.Routing;

/// <summary>
/// Who may use the dynamic-dispatch endpoint. LiveKit's proposal sends no signature, so this one webhook is guarded instead by a
/// secret token in its URL (several, for rotation) and an optional allowlist of sources. Tokens are compared as SHA-256 digests
/// in constant time, against every configured token, so neither a token's content nor its length shows in the timing.
/// </summary>
public sealed partial class DynamicDispatchAccess
{
    private readonly byte[][] _digests;
    private readonly SourceAllowlist _sources;
    private readonly ILogger<DynamicDispatchAccess> _logger;

    public DynamicDispatchAccess(IOptions<SwitchboardOptions> options, ILogger<DynamicDispatchAccess> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value.DynamicDispatch;
        _digests = [.. settings.Tokens.Select(Digest)];
        _sources = SourceAllowlist.TryParse(settings.AllowedSources, out _)
            ?? throw new InvalidOperationException("Switchboard:DynamicDispatch:AllowedSources is invalid; the options validation should have refused it.");
        _logger = logger;
    }

    /// <summary>With no token configured the endpoint does not exist: it answers 404 like any unknown path, and logs nothing.</summary>
    public bool Enabled => _digests.Length > 0;

    /// <summary>Whether the request may be served: the token first (a wrong one is 404 from anywhere), then the source (403).</summary>
    public DynamicDispatchAccessResult Check(string? presentedToken, IPAddress? source)
    {
        if (!Enabled)
        {
            return DynamicDispatchAccessResult.Disabled;
        }

        if (!Matches(presentedToken))
        {
            Log.UnknownToken(_logger, Describe(source));
            return DynamicDispatchAccessResult.UnknownToken;
        }

        if (!_sources.Allows(source))
        {
            Log.SourceRefused(_logger, Describe(source));
            return DynamicDispatchAccessResult.SourceRefused;
        }

        return DynamicDispatchAccessResult.Allowed;
    }

    private bool Matches(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var digest = Digest(presented);
        var match = false;
        foreach (var configured in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(configured, digest);   // no early exit: every token is compared
        }

        return match;
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Describe(IPAddress? source) => source is null ? "an unknown source" : (source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source).ToString();

    private static partial class Log
    {
        // Neither message carries the token or the path, which holds it.
        [LoggerMessage(1, LogLevel.Warning, "Dynamic dispatch: refused a request from {Source} with an unknown token (answered 404). A token rotated out too early, or a scan")]
        public static partial void UnknownToken(ILogger logger, string source);

        [LoggerMessage(2, LogLevel.Warning, "Dynamic dispatch: refused a request from {Source} with a valid token: the source is not in Switchboard:DynamicDispatch:AllowedSources (answered 403)")]
        public static partial void SourceRefused(ILogger logger, string source);
    }
}
