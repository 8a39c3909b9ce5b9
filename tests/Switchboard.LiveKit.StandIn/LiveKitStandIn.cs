using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchboard.LiveKit.StandIn.Schema;

namespace Switchboard.LiveKit.StandIn;

/// <summary>
/// A fake LiveKit server API on real Kestrel (loopback, a free port), stricter than LiveKit so that a client's mistakes fail
/// tests instead of being silently dropped:
/// <list type="bullet">
/// <item>tokens: HS256, secret chosen by <c>iss</c>, <c>exp</c> required, 60 s leeway; refusals are plain-text 401s, as LiveKit's middleware answers;</item>
/// <item>grants per method (livekit.md §3.4): Twirp <c>unauthenticated</c> "permissions denied";</item>
/// <item>routing: POST to a known <c>/twirp/livekit.{Service}/{Method}</c> with <c>application/json</c>, else <c>bad_route</c>;</item>
/// <item>bodies: proto or camelCase names as LiveKit accepts, but an unknown field, a field under both names, two members
/// of a oneof or a value of the wrong type is <c>malformed</c> (LiveKit would ignore a misspelt <c>numbers</c>);</item>
/// <item>semantics: required fields, dispatch-rule and trunk conflicts (livekit.md §4.5), <c>not_found</c> for unknown rooms,
/// participants, rules and dispatches, with the effects of each method on rooms, dispatches, rules and trunks.</item>
/// </list>
/// Answers use LiveKit's shapes (§3.2) and errors its format (§3.3). Every request is recorded. Faults can be queued per
/// method: fail before applying, fail or drop the connection after applying, delay, or answer verbatim.
/// </summary>
public sealed class LiveKitStandIn : IAsyncDisposable
{
    /// <summary>LiveKit's default limit on an API request body.</summary>
    public const long MaxBodyBytes = 10 * 1024 * 1024;

    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly StandInState _state;
    private readonly List<Entry> _requests = [];
    private readonly Dictionary<string, Queue<StandInFault>> _faults = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private LiveKitStandIn(string apiKey, string apiSecret, TimeProvider clock)
    {
        _secrets[apiKey] = apiSecret;
        _clock = clock;
        _state = new StandInState(clock);
    }

    /// <summary>The base URL, <c>http://127.0.0.1:{port}</c>, to give a client as LiveKit's URL.</summary>
    public string Url { get; private set; } = "";

    /// <summary>How successful answers are written; <see cref="StandInAnswerStyle.LiveKit"/> unless a test wants otherwise.</summary>
    public StandInAnswerStyle AnswerStyle { get; set; }

    /// <summary>Answer TransferSIPParticipant with <c>{}</c>, as LiveKit servers before mid-2026 do.</summary>
    public bool LegacyTransferAnswer
    {
        get { lock (_gate) { return _state.LegacyTransferAnswer; } }
        set { lock (_gate) { _state.LegacyTransferAnswer = value; } }
    }

    /// <summary>Every request so far, in arrival order (an entry is added when a request arrives and completed when it is answered).</summary>
    public IReadOnlyList<StandInRequest> Requests
    {
        get { lock (_gate) { return [.. _requests.Select(r => r.Snapshot())]; } }
    }

    /// <summary>Dispatches created and not deleted.</summary>
    public IReadOnlyList<StandInDispatch> Dispatches
    {
        get
        {
            lock (_gate)
            {
                return [.. _state.Dispatches.Select(d => new StandInDispatch(Json.Str(d, "id"), Json.Str(d, "room"), Json.Str(d, "agent_name"),
                    Json.Str(d, "metadata"), Json.Map(d, "attributes")))];
            }
        }
    }

    /// <summary>Dispatch rules, by ID.</summary>
    public IReadOnlyList<StandInRule> Rules
    {
        get { lock (_gate) { return [.. _state.Rules.Select(r => new StandInRule(Json.Str(r, "sip_dispatch_rule_id"), Json.Str(r, "name"), r.DeepClone().AsObject()))]; } }
    }

    /// <summary>Inbound trunks, by ID.</summary>
    public IReadOnlyList<StandInTrunk> Trunks
    {
        get { lock (_gate) { return [.. _state.Trunks.Select(t => new StandInTrunk(Json.Str(t, "sip_trunk_id"), Json.Str(t, "name"), t.DeepClone().AsObject()))]; } }
    }

    public IReadOnlyList<StandInRoom> Rooms
    {
        get { lock (_gate) { return [.. _state.Rooms.Select(Snapshot)]; } }
    }

    /// <summary>Completed transfers.</summary>
    public IReadOnlyList<StandInTransfer> Transfers
    {
        get { lock (_gate) { return [.. _state.Transfers]; } }
    }

    /// <summary>Starts a stand-in that accepts tokens signed by <paramref name="apiKey"/>/<paramref name="apiSecret"/>.</summary>
    /// <param name="apiKey">The API key tokens must name as <c>iss</c>.</param>
    /// <param name="apiSecret">Its secret.</param>
    /// <param name="clock">Checks token times and stamps rules, dispatches and participants; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<LiveKitStandIn> StartAsync(string apiKey, string apiSecret, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(apiSecret);
        var standIn = new LiveKitStandIn(apiKey, apiSecret, clock ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(standIn.HandleAsync);
        await app.StartAsync(cancellationToken);
        standIn._app = app;
        standIn.Url = app.Urls.Single().TrimEnd('/');
        return standIn;
    }

    /// <summary>Accepts tokens from another key too (key rotation).</summary>
    public void AddKey(string apiKey, string apiSecret)
    {
        lock (_gate)
        {
            _secrets[apiKey] = apiSecret;
        }
    }

    /// <summary>The requests to one method (e.g. <c>CreateDispatch</c>), in arrival order.</summary>
    public IReadOnlyList<StandInRequest> RequestsTo(string method) => [.. Requests.Where(r => r.Method == method)];

    /// <summary>Creates a room (rooms are also created by CreateDispatch, as LiveKit's auto-create does).</summary>
    public StandInRoom AddRoom(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            return Snapshot(_state.EnsureRoom(name));
        }
    }

    /// <summary>Adds a participant to a room (created if needed). <paramref name="kind"/> is LiveKit's kind name.</summary>
    public StandInParticipant AddParticipant(string room, string identity, string kind = "STANDARD", IReadOnlyDictionary<string, string>? attributes = null,
        string? name = null, string metadata = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        ArgumentException.ThrowIfNullOrEmpty(identity);
        if (!LiveKitMessages.ParticipantKind.IsName(kind))
        {
            throw new ArgumentException($"'{kind}' is not a LiveKit participant kind.", nameof(kind));
        }

        lock (_gate)
        {
            return Snapshot(_state.AddParticipant(room, identity, name ?? identity, kind, metadata, attributes ?? new Dictionary<string, string>()));
        }
    }

    /// <summary>
    /// Adds an inbound caller as LiveKit's SIP bridge would (livekit.md §1.7): identity <c>sip_{caller}</c>, kind SIP, and the
    /// <c>sip.*</c> attributes, <c>sip.callID</c> included; <paramref name="attributes"/> add to or override them.
    /// </summary>
    public StandInParticipant AddSipParticipant(string room, string caller, string called, string? callId = null, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sip.callID"] = callId ?? LiveKitIds.New("SCL_"),
            ["sip.phoneNumber"] = caller,
            ["sip.trunkPhoneNumber"] = called,
            ["sip.callStatus"] = "active",
        };
        foreach (var (key, value) in attributes ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return AddParticipant(room, $"sip_{caller}", "SIP", all, name: $"Phone {caller}");
    }

    /// <summary>Adds an agent participant (kind AGENT).</summary>
    public StandInParticipant AddAgentParticipant(string room, string identity) => AddParticipant(room, identity, "AGENT");

    /// <summary>
    /// Stores a dispatch that LiveKit made itself, with no CreateDispatch request: one a rule's <c>room_config</c> names, or
    /// with an empty <paramref name="agentName"/> the automatic one. The room is created if needed.
    /// </summary>
    public StandInDispatch AddDispatch(string room, string agentName, string metadata = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        lock (_gate)
        {
            var dispatch = _state.CreateDispatch(new JsonObject { ["room"] = room, ["agent_name"] = agentName, ["metadata"] = metadata });
            return new StandInDispatch(Json.Str(dispatch, "id"), room, agentName, metadata, Json.Map(dispatch, "attributes"));
        }
    }

    /// <summary>Stores a dispatch rule given as <c>SIPDispatchRuleInfo</c> JSON, checked as CreateSIPDispatchRule would check it.</summary>
    public StandInRule AddRule(string ruleJson)
    {
        var info = ProtoJsonReader.Read(ruleJson, LiveKitMessages.SipDispatchRuleInfo);
        lock (_gate)
        {
            var rule = _state.CreateSipDispatchRule(new JsonObject { ["dispatch_rule"] = info });
            return new StandInRule(Json.Str(rule, "sip_dispatch_rule_id"), Json.Str(rule, "name"), rule.DeepClone().AsObject());
        }
    }

    /// <summary>Stores an inbound trunk given as <c>SIPInboundTrunkInfo</c> JSON, checked as CreateSIPInboundTrunk would check it.</summary>
    public StandInTrunk AddTrunk(string trunkJson)
    {
        var info = ProtoJsonReader.Read(trunkJson, LiveKitMessages.SipInboundTrunkInfo);
        lock (_gate)
        {
            var trunk = _state.CreateSipInboundTrunk(new JsonObject { ["trunk"] = info });
            return new StandInTrunk(Json.Str(trunk, "sip_trunk_id"), Json.Str(trunk, "name"), trunk.DeepClone().AsObject());
        }
    }

    /// <summary>
    /// The next <paramref name="times"/> requests to <paramref name="method"/> fail with a Twirp error before anything is
    /// applied (after the token, route and body checks). The default is LiveKit's overload answer, 503 <c>unavailable</c>.
    /// </summary>
    public void FailNext(string method, int times = 1, string code = "unavailable", string message = "stand-in: injected failure",
        IReadOnlyDictionary<string, string>? meta = null) =>
        Enqueue(method, times, new StandInFault { Code = code, Message = message, Meta = meta });

    /// <summary>
    /// The next <paramref name="times"/> requests to <paramref name="method"/> are applied, then the answer is lost: a 503
    /// <c>unavailable</c>, or with <paramref name="abortConnection"/> a dropped connection.
    /// </summary>
    public void FailNextAfterApply(string method, int times = 1, bool abortConnection = false) =>
        Enqueue(method, times, new StandInFault { AfterApply = true, Abort = abortConnection });

    /// <summary>
    /// The next <paramref name="times"/> requests to <paramref name="method"/> wait <paramref name="delay"/> before being handled.
    /// A request whose client gives up meanwhile is not applied.
    /// </summary>
    public void DelayNext(string method, TimeSpan delay, int times = 1) =>
        Enqueue(method, times, new StandInFault { Delay = delay, Code = "" });

    /// <summary>The next request to <paramref name="method"/> is answered with exactly this status and body, and not applied.</summary>
    public void AnswerNext(string method, int status, string body, string contentType = "application/json") =>
        Enqueue(method, 1, new StandInFault { Raw = (status, body, contentType) });

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private void Enqueue(string method, int times, StandInFault fault)
    {
        if (!StandInMethod.IsKnown(method))
        {
            throw new ArgumentException($"'{method}' is not a method the stand-in serves.", nameof(method));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate)
        {
            if (!_faults.TryGetValue(method, out var queue))
            {
                _faults[method] = queue = new Queue<StandInFault>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        var entry = new Entry(http.Request.Method, http.Request.Path.Value ?? "",
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        lock (_gate)
        {
            entry.Sequence = _requests.Count + 1;
            _requests.Add(entry);
        }

        try
        {
            await HandleAsync(http, entry);
        }
        catch (TwirpFailure failure)
        {
            await AnswerErrorAsync(http, entry, failure);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up; nothing was applied.
        }
    }

    private async Task HandleAsync(HttpContext http, Entry entry)
    {
        // LiveKit's token middleware runs before Twirp: its refusals are plain text.
        JsonObject? claims = null;
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            const string Bearer = "Bearer ";
            if (!authorization.StartsWith(Bearer, StringComparison.Ordinal))
            {
                await AnswerPlainAsync(http, entry, 401, "invalid authorization header. Must start with Bearer ");
                return;
            }

            entry.BearerToken = authorization[Bearer.Length..];
            Dictionary<string, string> secrets;
            lock (_gate)
            {
                secrets = new Dictionary<string, string>(_secrets, StringComparer.Ordinal);
            }

            (claims, var problem) = TokenCheck.Verify(entry.BearerToken, secrets, _clock.GetUtcNow());
            if (problem is not null)
            {
                await AnswerPlainAsync(http, entry, 401, problem);
                return;
            }

            entry.Claims = claims!.DeepClone().AsObject();
        }

        var route = $"{http.Request.Method} {entry.Path}";
        var badRoute = new Dictionary<string, string> { ["twirp_invalid_route"] = route };
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            throw new TwirpFailure("bad_route", $"unsupported method {http.Request.Method} (only POST is allowed)", badRoute);
        }

        if (!StandInMethod.ByPath.TryGetValue(entry.Path, out var method))
        {
            throw new TwirpFailure("bad_route", $"no handler for path \"{entry.Path}\"", badRoute);
        }

        entry.Method = method.Name;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType) || contentType.MediaType != "application/json")
        {
            throw new TwirpFailure("bad_route", $"unexpected Content-Type: \"{http.Request.ContentType}\"", badRoute);
        }

        try
        {
            using var reader = new StreamReader(http.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
            entry.RawBody = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await AnswerPlainAsync(http, entry, 413, "request too large");
            return;
        }
        catch (DecoderFallbackException)
        {
            throw TwirpFailure.Malformed("the json request could not be decoded: not UTF-8");
        }

        StandInFault? fault;
        lock (_gate)
        {
            fault = _faults.TryGetValue(method.Name, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }

        if (fault is { Delay.Ticks: > 0 })
        {
            await Task.Delay(fault.Delay, _clock, http.RequestAborted);
        }

        var body = ProtoJsonReader.Read(entry.RawBody, method.Request);
        entry.Body = body.DeepClone().AsObject();
        if (!method.Authorized(claims, body))
        {
            throw TwirpFailure.PermissionsDenied();
        }

        if (fault is { AfterApply: false, DelayOnly: false })
        {
            await FailAsync(http, entry, fault);
            return;
        }

        JsonObject result;
        bool legacyTransfer;
        lock (_gate)
        {
            result = method.Apply(_state, body);
            legacyTransfer = _state.LegacyTransferAnswer;
        }

        if (fault is { AfterApply: true })
        {
            await FailAsync(http, entry, fault);
            return;
        }

        var type = legacyTransfer && method.Name == "TransferSIPParticipant" ? LiveKitMessages.Empty : method.Response;
        var complete = ProtoJsonWriter.Complete(result, type);
        var answer = AnswerStyle == StandInAnswerStyle.CamelCase ? ProtoJsonWriter.CamelCase(complete, type) : complete;
        await AnswerAsync(http, entry, 200, answer.ToJsonString(Output), "application/json", errorCode: null);
    }

    private static async Task FailAsync(HttpContext http, Entry entry, StandInFault fault)
    {
        if (fault.Abort)
        {
            http.Abort();
            return;
        }

        if (fault.Raw is var (status, body, contentType))
        {
            await AnswerAsync(http, entry, status, body, contentType, errorCode: status >= 400 ? "raw" : null);
            return;
        }

        throw new TwirpFailure(fault.Code.Length > 0 ? fault.Code : "unavailable", fault.Message, fault.Meta);
    }

    private static Task AnswerErrorAsync(HttpContext http, Entry entry, TwirpFailure failure)
    {
        var error = new JsonObject { ["code"] = failure.Code, ["msg"] = failure.Message };
        if (failure.Meta is { Count: > 0 } meta)
        {
            error["meta"] = new JsonObject([.. meta.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))]);
        }

        return AnswerAsync(http, entry, failure.Status, error.ToJsonString(Output), "application/json", failure.Code);
    }

    private static Task AnswerPlainAsync(HttpContext http, Entry entry, int status, string text) =>
        AnswerAsync(http, entry, status, text, "text/plain; charset=utf-8", "plain_text");

    private static async Task AnswerAsync(HttpContext http, Entry entry, int status, string body, string contentType, string? errorCode)
    {
        entry.Complete(status, errorCode, body);
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        await http.Response.WriteAsync(body, http.RequestAborted);
    }

    private static StandInRoom Snapshot(StandInState.RoomState room) => new(room.Sid, room.Name, [.. room.Participants.Select(Snapshot)]);

    private static StandInParticipant Snapshot(JsonObject participant) => new(Json.Str(participant, "sid"), Json.Str(participant, "identity"),
        Json.Str(participant, "name"), Json.Str(participant, "kind"), Json.Str(participant, "metadata"), Json.Map(participant, "attributes"));

    /// <summary>A request being handled; fields are written by its handler and read under the stand-in's lock.</summary>
    private sealed class Entry(string httpMethod, string path, IReadOnlyDictionary<string, string> headers)
    {
        private readonly Lock _gate = new();
        private int _status;
        private string? _errorCode;
        private string? _responseBody;

        public int Sequence { get; set; }

        public string Path { get; } = path;

        public string? Method { get; set; }

        public string? BearerToken { get; set; }

        public JsonObject? Claims { get; set; }

        public string RawBody { get; set; } = "";

        public JsonObject? Body { get; set; }

        public void Complete(int status, string? errorCode, string body)
        {
            lock (_gate)
            {
                (_status, _errorCode, _responseBody) = (status, errorCode, body);
            }
        }

        public StandInRequest Snapshot()
        {
            lock (_gate)
            {
                return new StandInRequest(Sequence, httpMethod, Path, Method, headers, BearerToken, Claims?.DeepClone().AsObject(), RawBody,
                    Body?.DeepClone().AsObject(), _status, _errorCode, _responseBody);
            }
        }
    }
}
