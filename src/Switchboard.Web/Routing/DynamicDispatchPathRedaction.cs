using Microsoft.AspNetCore.Http.Features;

namespace Switchboard.Web.Routing;

/// <summary>
/// Keeps the dynamic-dispatch token out of everything ASP.NET Core records about a request. Hosting takes the path for its
/// <c>Request starting/finished</c> logs, the <c>RequestPath</c> scope on every log line of the request, the trace's
/// <c>url.path</c> and its EventSource events as soon as the request's context exists, before any middleware runs. So the path is
/// rewritten here, where that context is made: <c>…/dynamic-dispatch/{token}</c> becomes <c>…/dynamic-dispatch/redacted</c>,
/// and the token travels to the endpoint in a request feature instead.
/// </summary>
/// <remarks>
/// Registered only when a token is configured. Hosting pools request contexts only with its own factory: with the endpoint off,
/// every request keeps that pooling; with it on, each request allocates its context afresh, small next to a call's transaction.
/// </remarks>
public sealed class DynamicDispatchPathRedaction(IServiceProvider services) : IHttpContextFactory
{
    public const string RedactedSegment = "redacted";

    private const string Prefix = DynamicDispatchEndpoints.PathPrefix + "/";
    private const string RedactedPath = Prefix + RedactedSegment;

    private readonly DefaultHttpContextFactory _inner = new(services);

    public HttpContext Create(IFeatureCollection featureCollection)
    {
        ArgumentNullException.ThrowIfNull(featureCollection);
        if (featureCollection.Get<IHttpRequestFeature>() is { } request
            && request.Path.Length > Prefix.Length
            && request.Path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))   // routing ignores case: so does this
        {
            // Everything after the prefix is the presented token (routing takes one trailing slash as none); a path with more
            // segments is redacted too, and its "token" simply matches none.
            var token = request.Path[Prefix.Length..];
            featureCollection.Set(new PresentedToken(token.EndsWith('/') ? token[..^1] : token));
            request.Path = RedactedPath;
            request.RawTarget = RedactedPath + request.QueryString;
        }

        return _inner.Create(featureCollection);
    }

    public void Dispose(HttpContext httpContext) => _inner.Dispose(httpContext);

    /// <summary>The token as presented, for the endpoint: set whenever the path was redacted.</summary>
    internal static string? Presented(HttpContext context) => context.Features.Get<PresentedToken>()?.Value;

    private sealed class PresentedToken(string value)
    {
        public string Value { get; } = value;

        public override string ToString() => RedactedSegment;
    }
}
