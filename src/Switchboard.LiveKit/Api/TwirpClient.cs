using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Switchboard.LiveKit.Api.Json;

namespace Switchboard.LiveKit.Api;

/// <summary>
/// Sends one Twirp JSON call (livekit.md §3.1): a fresh token with the method's least grants, the method's time budget, and
/// LiveKit's answer or error turned into a DTO or a <see cref="LiveKitApiException"/>. Shared by the service clients.
/// </summary>
internal sealed partial class TwirpClient
{
    public const string HttpClientName = "Switchboard.LiveKit.Api";

    internal static readonly HttpRequestOptionsKey<TwirpCallBudget> BudgetKey = new("Switchboard.LiveKit.Api.Budget");

    private const int MaxErrorText = 300;
    private const string Redacted = "[redacted]";
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly TimeSpan TokenMargin = TimeSpan.FromMinutes(1);

    private readonly IHttpClientFactory _httpClients;
    private readonly LiveKitApiOptions _options;
    private readonly WebhookKey _key;
    private readonly string _twirpBase;
    private readonly TimeProvider _clock;
    private readonly ILogger<TwirpClient> _logger;

    public TwirpClient(IHttpClientFactory httpClients, IOptions<LiveKitApiOptions> options, TimeProvider clock, ILogger<TwirpClient> logger)
    {
        // Reading Value runs LiveKitApiOptionsValidator: settings are checked when a client is first resolved, not at start.
        _options = options.Value;
        _key = new WebhookKey(_options.ApiKey!, _options.ApiSecret!);
        _twirpBase = $"{HttpBase(_options.Url!)!.AbsoluteUri.TrimEnd('/')}/twirp/";
        _httpClients = httpClients;
        _clock = clock;
        _logger = logger;
    }

    public TimeSpan AttemptTimeout => _options.AttemptTimeout;

    /// <summary>The HTTP form of the server URL (<c>wss://</c> → <c>https://</c>, <c>ws://</c> → <c>http://</c>), or null if it is not one.</summary>
    public static Uri? HttpBase(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var scheme = uri.Scheme switch
        {
            "https" or "wss" => Uri.UriSchemeHttps,
            "http" or "ws" => Uri.UriSchemeHttp,
            _ => null,
        };
        return scheme is null ? null : new UriBuilder(uri) { Scheme = scheme, Port = uri.IsDefaultPort ? -1 : uri.Port, Query = "", Fragment = "" }.Uri;
    }

    /// <summary>Calls <paramref name="method"/>; <paramref name="attemptTimeout"/> replaces the configured one (TransferSIPParticipant rings longer).</summary>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(TwirpMethod method, TRequest request, Dictionary<string, object> grants,
        CancellationToken cancellationToken, TimeSpan? attemptTimeout = null)
    {
        var attempt = attemptTimeout ?? _options.AttemptTimeout;
        var budget = new TwirpCallBudget(!method.CreatesSomething, attempt, attempt > _options.TotalTimeout ? attempt : _options.TotalTimeout);
        var tokenLifetime = budget.Total + TokenMargin > _options.TokenLifetime ? budget.Total + TokenMargin : _options.TokenLifetime;
        var token = AccessTokenWriter.Sign(_key, grants, identity: null, _clock.GetUtcNow(), tokenLifetime);

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_twirpBase + method.FullName));
        message.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, LiveKitJson.Info<TRequest>()));
        message.Content.Headers.ContentType = Json;
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.TryAddWithoutValidation("X-Twirp-Timeout-Ms", ((long)attempt.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        message.Options.Set(BudgetKey, budget);

        // The pipeline times each attempt out, but HttpClient buffers the body after it; this bounds the whole call.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget.Total + TimeSpan.FromSeconds(1));
        var started = _clock.GetTimestamp();
        try
        {
            using var response = await _httpClients.CreateClient(HttpClientName).SendAsync(message, deadline.Token);
            Log.Answered(_logger, method.FullName, (int)response.StatusCode, _clock.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw await ErrorAsync(method, response, token, deadline.Token);
            }

            try
            {
                var json = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(deadline.Token), cancellationToken: deadline.Token);
                return LiveKitJson.Read<TResponse>(json) ?? throw new JsonException("The answer is null.");
            }
            catch (JsonException exception)
            {
                throw new LiveKitApiException(method.FullName, TwirpErrorCode.Malformed, (int)response.StatusCode, "", null,
                    $"LiveKit {method.FullName} answered with JSON this client cannot read as {typeof(TResponse).Name}.", exception);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or OperationCanceledException)
        {
            Log.NoAnswer(_logger, method.FullName, "timeout");
            throw new LiveKitApiException(method.FullName, TwirpErrorCode.DeadlineExceeded, null, "", null,
                $"LiveKit {method.FullName} did not answer in time ({Seconds(attempt)} per attempt, {Seconds(budget.Total)} in all).", exception);
        }
        catch (HttpRequestException exception)
        {
            Log.NoAnswer(_logger, method.FullName, exception.HttpRequestError.ToString());
            throw new LiveKitApiException(method.FullName, TwirpErrorCode.Unavailable, null, "", null,
                $"LiveKit {method.FullName} could not be reached: {exception.HttpRequestError}.", exception);
        }
    }

    private async Task<LiveKitApiException> ErrorAsync(TwirpMethod method, HttpResponseMessage response, string token, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            body = "";
        }

        // Twirp errors are JSON; LiveKit's token middleware and proxies answer in plain text (livekit.md §3.3).
        TwirpError? error = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            try
            {
                error = JsonSerializer.Deserialize(body, LiveKitJson.Info<TwirpError>());
            }
            catch (JsonException)
            {
            }
        }

        var (wireCode, code, text, meta) = error is { Code.Length: > 0 }
            ? (error.Code, ParseCode(error.Code), Clean(error.Msg, token), error.Meta)
            : (null, CodeOf(status), Clean(body, token), null);
        var described = wireCode is null ? $"HTTP {status}" : $"{wireCode} (HTTP {status})";
        return new LiveKitApiException(method.FullName, code, status, text, meta,
            text.Length == 0 ? $"LiveKit {method.FullName} failed: {described}." : $"LiveKit {method.FullName} failed: {described}: {text}");
    }

    private static TwirpErrorCode ParseCode(string code) =>
        Enum.TryParse<TwirpErrorCode>(code.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : TwirpErrorCode.Unknown;

    /// <summary>A code for a non-Twirp answer, as Twirp clients map an intermediary's status.</summary>
    private static TwirpErrorCode CodeOf(int status) => status switch
    {
        400 => TwirpErrorCode.InvalidArgument,
        401 => TwirpErrorCode.Unauthenticated,
        403 => TwirpErrorCode.PermissionDenied,
        404 => TwirpErrorCode.NotFound,
        408 => TwirpErrorCode.DeadlineExceeded,
        413 => TwirpErrorCode.ResourceExhausted,
        429 or 502 or 503 or 504 => TwirpErrorCode.Unavailable,
        >= 500 => TwirpErrorCode.Internal,
        _ => TwirpErrorCode.Unknown,
    };

    /// <summary>LiveKit's text, one line, short, and without the secret or the token should a proxy ever echo them.</summary>
    private string Clean(string text, string token)
    {
        var cleaned = new StringBuilder(text.Trim())
            .Replace(token, Redacted)
            .Replace(_key.ApiSecret, Redacted)
            .ToString();
        cleaned = string.Concat(cleaned.Select(c => char.IsControl(c) ? ' ' : c));
        return cleaned.Length <= MaxErrorText ? cleaned : string.Concat(cleaned.AsSpan(0, MaxErrorText), "…");
    }

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "LiveKit {Method} answered {StatusCode} in {ElapsedMs:0} ms")]
        public static partial void Answered(ILogger logger, string method, int statusCode, double elapsedMs);

        [LoggerMessage(2, LogLevel.Debug, "LiveKit {Method} did not answer: {Reason}")]
        public static partial void NoAnswer(ILogger logger, string method, string reason);
    }
}
