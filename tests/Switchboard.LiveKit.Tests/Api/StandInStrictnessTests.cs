using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.LiveKit.StandIn;
using Xunit;

namespace Switchboard.LiveKit.Tests.Api;

/// <summary>The stand-in refuses what LiveKit refuses, and what LiveKit would silently drop.</summary>
public sealed class StandInStrictnessTests : IAsyncLifetime
{
    private const string CreateRule = "/twirp/livekit.SIP/CreateSIPDispatchRule";
    private const string ListParticipants = "/twirp/livekit.RoomService/ListParticipants";

    private static readonly WebhookKey Key = new(LiveKitApi.ApiKey, LiveKitApi.ApiSecret);
    private static readonly Dictionary<string, object> SipAdmin = new() { ["sip"] = new Dictionary<string, object> { ["admin"] = true } };

    private readonly HttpClient _http = new();
    private LiveKitStandIn _liveKit = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _liveKit = await LiveKitStandIn.StartAsync(LiveKitApi.ApiKey, LiveKitApi.ApiSecret, cancellationToken: Ct);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _liveKit.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"dispatch_rule":{"number":["+15550001111"],"rule":{"dispatch_rule_individual":{}}}}""", "unknown field \"number\"")]
    [InlineData("""{"dispatch_rule":{"Numbers":["+15550001111"],"rule":{"dispatch_rule_individual":{}}}}""", "unknown field \"Numbers\"")]
    [InlineData("""{"dispatch_rule":{"numbers":"+15550001111","rule":{"dispatch_rule_individual":{}}}}""", "expected a list")]
    [InlineData("""{"dispatch_rule":{"numbers":["+1"],"hide_phone_number":"yes","rule":{"dispatch_rule_individual":{}}}}""", "expected Bool")]
    [InlineData("""{"dispatch_rule":{"trunk_ids":["ST_1"],"trunkIds":["ST_2"],"rule":{"dispatch_rule_individual":{}}}}""", "given twice")]
    [InlineData("""{"dispatch_rule":{"rule":{"dispatch_rule_individual":{},"dispatch_rule_direct":{}}}}""", "two members set")]
    [InlineData("""{"dispatch_rule":{"media_encryption":"SIP_MEDIA_ENCRYPT_SOMETIMES","rule":{"dispatch_rule_individual":{}}}}""", "SIPMediaEncryption name")]
    [InlineData("""{"dispatch_rule":{"rule":{"dispatch_rule_individual":{}}}""", "could not be decoded")]
    public async Task A_body_LiveKit_would_misread_is_malformed_and_changes_nothing(string body, string problem)
    {
        using var response = await PostAsync(CreateRule, body, Token(SipAdmin));

        var error = await TwirpErrorAsync(response);
        Assert.Equal((HttpStatusCode.BadRequest, "malformed"), (response.StatusCode, error.Text("code")));
        Assert.Contains(problem, error.Text("msg"), StringComparison.Ordinal);
        Assert.Empty(_liveKit.Rules);
    }

    [Fact]
    public async Task CamelCase_names_are_accepted_like_proto_names()
    {
        using var response = await PostAsync(CreateRule,
            """{"dispatchRule":{"numbers":["+15550001111"],"roomConfig":{"agents":[{"agentName":"sales-agent"}]},"rule":{"dispatchRuleIndividual":{"roomPrefix":"call"}}}}""",
            Token(SipAdmin));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sales-agent", answer.Text("room_config.agents.0.agent_name"));
        Assert.Equal(["+15550001111"], Assert.Single(_liveKit.Rules).Numbers);
    }

    [Fact]
    public async Task Answers_have_every_field_in_proto_names_with_null_for_unset_messages()
    {
        using var response = await PostAsync(CreateRule, """{"dispatch_rule":{"rule":{"dispatch_rule_direct":{"room_name":"lobby"}}}}""", Token(SipAdmin));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        Assert.Equal(
            ["attributes", "created_at", "hide_phone_number", "inbound_numbers", "krisp_enabled", "media", "media_encryption", "metadata", "name",
             "numbers", "room_config", "room_preset", "rule", "sip_dispatch_rule_id", "trunk_ids", "updated_at"],
            answer.Keys());
        Assert.Null(answer["media"]);
        Assert.Null(answer["room_config"]);
        Assert.Equal("SIP_MEDIA_ENCRYPT_DISABLE", answer.Text("media_encryption"));
        Assert.Equal(["dispatch_rule_direct"], answer["rule"].Keys());
        Assert.Equal(["pin", "room_name"], answer["rule"]!["dispatch_rule_direct"].Keys());
    }

    [Fact]
    public async Task A_token_signed_with_another_secret_is_a_plain_text_401()
    {
        var token = AccessTokenWriter.Sign(new WebhookKey(LiveKitApi.ApiKey, "another-secret"), SipAdmin, null, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        using var response = await PostAsync(CreateRule, "{}", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(Assert.Single(_liveKit.Requests).Claims);
    }

    [Theory]
    [InlineData(-30, true)]    // expired 30 s ago: inside LiveKit's 60 s leeway
    [InlineData(-90, false)]   // expired 90 s ago
    public async Task Expiry_is_checked_with_60_seconds_of_leeway(int expiresInSeconds, bool accepted)
    {
        var token = AccessTokenWriter.Sign(Key, SipAdmin, null, DateTimeOffset.UtcNow.AddSeconds(expiresInSeconds - 60), TimeSpan.FromSeconds(60));

        using var response = await PostAsync("/twirp/livekit.SIP/ListSIPInboundTrunk", "{}", token);

        Assert.Equal(accepted ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_without_exp_is_refused()
    {
        var token = TestTokens.Hs256($$$"""{"iss":"{{{LiveKitApi.ApiKey}}}","sip":{"admin":true}}""", LiveKitApi.ApiSecret);

        using var response = await PostAsync("/twirp/livekit.SIP/ListSIPInboundTrunk", "{}", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("exp", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Authorization_header_without_Bearer_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _liveKit.Url + CreateRule) { Content = Json("{}") };
        request.Headers.TryAddWithoutValidation("Authorization", Token(SipAdmin));

        using var response = await _http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("invalid authorization header", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"video":{"roomAdmin":true,"room":"another-room"}}""")]
    [InlineData("""{"video":{"roomAdmin":true}}""")]
    [InlineData("""{"video":{"roomList":true,"roomCreate":true},"sip":{"admin":true,"call":true}}""")]
    public async Task A_token_without_roomAdmin_for_the_requested_room_is_permissions_denied(string grantsJson)
    {
        var grants = JsonNode.Parse(grantsJson)!.AsObject().ToDictionary(g => g.Key, g => (object)g.Value!);

        using var response = await PostAsync(ListParticipants, """{"room":"my-room"}""", Token(grants));

        var error = await TwirpErrorAsync(response);
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthenticated", "permissions denied"), (response.StatusCode, error.Text("code"), error.Text("msg")));
    }

    [Fact]
    public async Task SIP_call_rights_do_not_admin_dispatch_rules()
    {
        using var response = await PostAsync(CreateRule, """{"dispatch_rule":{"rule":{"dispatch_rule_individual":{}}}}""",
            Token(new Dictionary<string, object> { ["sip"] = new Dictionary<string, object> { ["call"] = true } }));

        Assert.Equal("permissions denied", (await TwirpErrorAsync(response)).Text("msg"));
        Assert.Empty(_liveKit.Rules);
    }

    [Theory]
    [InlineData("GET", ListParticipants, "application/json")]
    [InlineData("POST", "/twirp/livekit.RoomService/ListRoomz", "application/json")]
    [InlineData("POST", "/twirp/livekit.Sip/ListSIPInboundTrunk", "application/json")]
    [InlineData("POST", ListParticipants, "text/plain")]
    [InlineData("POST", ListParticipants, "application/protobuf")]
    public async Task Anything_but_a_JSON_POST_to_a_known_method_is_bad_route(string method, string path, string contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), _liveKit.Url + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(SipAdmin));
        if (method == "POST")
        {
            request.Content = new StringContent("""{"room":"r"}""", Encoding.UTF8, contentType);
        }

        using var response = await _http.SendAsync(request, Ct);

        var error = await TwirpErrorAsync(response);
        Assert.Equal((HttpStatusCode.NotFound, "bad_route"), (response.StatusCode, error.Text("code")));
    }

    [Fact]
    public async Task A_charset_parameter_on_the_content_type_is_fine()
    {
        using var response = await PostAsync("/twirp/livekit.SIP/ListSIPInboundTrunk", "{}", Token(SipAdmin), "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Faults_can_only_be_queued_for_methods_the_stand_in_serves() =>
        Assert.Throws<ArgumentException>(() => _liveKit.FailNext("CreateSipDispatchRule"));

    private static string Token(IReadOnlyDictionary<string, object> grants) =>
        AccessTokenWriter.Sign(Key, grants, null, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

    private static StringContent Json(string body, string contentType = "application/json") => new(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType));

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string token, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _liveKit.Url + path) { Content = Json(body, contentType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request, Ct);
    }

    private static async Task<JsonNode> TwirpErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }
}
