using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Switchboard.LiveKit;
using Switchboard.Web.Routing;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>
/// Correctly signed routing webhooks the service cannot use: each gets a 4xx problem (RFC 7807 with a <c>code</c>) and
/// leaves no call behind. Also what a client sees when the service has a bug: a bare 500 problem, no stack trace.
/// </summary>
public abstract class BadInputTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    [Fact]
    public async Task Malformed_json_is_a_400_malformed_request_and_stores_nothing()
    {
        var callId = NewCallId();
        var json = $$"""{"call_id": "{{callId}}", "from_number": "+14155550100", "to_number": """;

        using var response = await PostAsync(json);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Malformed request", "malformed_request");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"call_id": "SCL_1", "from_number": "+14155550100", "to_number": "+14155550101"}]""")]
    [InlineData("\"call\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task A_body_that_is_not_a_json_object_is_a_400_malformed_request(string json)
    {
        using var response = await PostAsync(json);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Malformed request", "malformed_request");
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("call_id")]
    [InlineData("from_number")]
    [InlineData("to_number")]
    public async Task A_missing_required_field_is_a_400_validation_problem_naming_it(string field)
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body.Remove(field);

        using var response = await PostAsync(body.ToJsonString());

        var problem = await AssertValidationProblemAsync(response, field);
        Assert.Equal("is required.", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("call_id")]
    [InlineData("from_number")]
    [InlineData("to_number")]
    public async Task A_null_required_field_is_a_400_validation_problem_naming_it(string field)
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body[field] = null;

        using var response = await PostAsync(body.ToJsonString());

        await AssertValidationProblemAsync(response, field);
        await AssertNotStoredAsync(callId);
    }

    [Theory]
    [InlineData("call_id", "")]
    [InlineData("call_id", "   ")]
    [InlineData("from_number", "")]
    [InlineData("from_number", " \t ")]
    [InlineData("to_number", "")]
    [InlineData("to_number", "\n")]
    public async Task An_empty_or_blank_required_field_is_a_400_validation_problem_naming_it(string field, string value)
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body[field] = value;

        using var response = await PostAsync(body.ToJsonString());

        var problem = await AssertValidationProblemAsync(response, field);
        Assert.Equal("must not be empty.", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("call_id", "42")]
    [InlineData("call_id", """{"id": "SCL_1"}""")]
    [InlineData("call_id", "true")]
    [InlineData("from_number", "14155550100")]
    [InlineData("from_number", """{"number": "+14155550100"}""")]
    [InlineData("from_number", "false")]
    [InlineData("to_number", "14155550101")]
    [InlineData("to_number", """["+14155550101"]""")]
    [InlineData("to_number", "true")]
    public async Task A_required_field_that_is_not_a_string_is_a_400_validation_problem_naming_it(string field, string jsonValue)
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body[field] = JsonNode.Parse(jsonValue);

        using var response = await PostAsync(body.ToJsonString());

        var problem = await AssertValidationProblemAsync(response, field);
        Assert.StartsWith("must be a string", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("call_id")]
    [InlineData("from_number")]
    [InlineData("to_number")]
    [InlineData("trunk_id")]
    [InlineData("room_name")]
    public async Task A_field_of_257_characters_is_a_400_validation_problem_naming_it(string field)
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body[field] = new string('7', 257);

        using var response = await PostAsync(body.ToJsonString());

        var problem = await AssertValidationProblemAsync(response, field);
        Assert.Equal("must be at most 256 characters.", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_call_id_of_exactly_256_characters_is_accepted_and_stored()
    {
        var callId = NewCallId().PadRight(256, 'x');

        using var response = await PostAsync(ValidBody(callId).ToJsonString());

        await AssertOkAsync(response);
        var call = await StoredCallAsync(callId);
        Assert.Equal(callId, call.GetProperty("call_id").GetString());
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("from_number", "from_raw")]
    [InlineData("to_number", "to_raw")]
    [InlineData("trunk_id", "trunk_id")]
    [InlineData("room_name", "room_name")]
    public async Task A_field_of_exactly_256_characters_is_accepted_and_stored_verbatim(string field, string column)
    {
        var callId = NewCallId();
        var value = "sip:" + new string('a', 252);
        var body = ValidBody(callId);
        body[field] = value;

        using var response = await PostAsync(body.ToJsonString());

        await AssertOkAsync(response);
        var call = await StoredCallAsync(callId);
        Assert.Equal(value, call.GetProperty(column).GetString());
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_a_400_malformed_request()
    {
        var callId = NewCallId();
        var body = Encoding.Latin1.GetBytes($$"""{"call_id": "{{callId}}", "from_number": "+14155550100", "to_number": "+14155550101", "room_name": "Café"}""");   // é as the single byte 0xE9

        using var response = await PostBytesAsync(body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Malformed request", "malformed_request");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("call_id")]
    [InlineData("from_number")]
    [InlineData("to_number")]
    public async Task A_required_field_holding_invalid_utf8_is_a_400_not_a_500(string field)
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body[field] = "INVALID";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        bytes[bytes.AsSpan().IndexOf("INVALID"u8)] = 0xFF;   // a byte that never occurs in UTF-8

        using var response = await PostBytesAsync(bytes);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, title: null, code: null);
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_body_nested_deeper_than_16_levels_is_a_400_malformed_request()
    {
        var callId = NewCallId();
        var json = ValidBody(callId).ToJsonString().TrimEnd('}') + $$""", "extra": {{new string('[', 20)}}{{new string(']', 20)}}}""";

        using var response = await PostAsync(json);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Malformed request", "malformed_request");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("call_id")]
    [InlineData("from_number")]
    [InlineData("to_number")]
    [InlineData("trunk_id")]
    [InlineData("room_name")]
    public async Task A_field_escaping_a_lone_surrogate_is_a_400_validation_problem_naming_it(string field)
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body[field] = "+1415LONE";

        using var response = await PostAsync(WithLoneSurrogate(body));

        var problem = await AssertValidationProblemAsync(response, field);
        Assert.Equal("must be a valid string (it escapes an unpaired surrogate).", problem.GetProperty("errors").GetProperty(field)[0].GetString());
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("""{"sip.h.x-name": "LONE"}""", "attributes.sip.h.x-name")]
    [InlineData("""{"sip.h.x-LONE": "v"}""", "attributes")]
    public async Task An_attribute_escaping_a_lone_surrogate_is_a_400_validation_problem(string attributes, string field)
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body["attributes"] = JsonNode.Parse(attributes);

        using var response = await PostAsync(WithLoneSurrogate(body));

        await AssertValidationProblemAsync(response, field);
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task An_unknown_field_name_escaping_a_lone_surrogate_is_a_400_malformed_request()
    {
        var callId = NewCallId();
        var json = ValidBody(callId).ToJsonString().TrimEnd('}') + ",\"\\ud800\\u0041\": 1}";   // a name even a lookup of other names trips over

        using var response = await PostAsync(json);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Malformed request", "malformed_request");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task More_than_64_attributes_are_a_400_validation_problem()
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body["attributes"] = Attributes(65, key => $"sip.h.x-{key}", _ => "v");

        using var response = await PostAsync(body.ToJsonString());

        var problem = await AssertValidationProblemAsync(response, "attributes");
        Assert.Equal("must have at most 64 entries.", problem.GetProperty("errors").GetProperty("attributes")[0].GetString());
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task An_attribute_key_of_257_characters_is_a_400_validation_problem()
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body["attributes"] = new JsonObject { [new string('k', 257)] = "v" };

        using var response = await PostAsync(body.ToJsonString());

        await AssertValidationProblemAsync(response, "attributes");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task Attributes_at_every_limit_are_accepted_and_stored_verbatim()
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body["attributes"] = Attributes(64, key => $"sip.h.x-{key}".PadRight(256, 'k'), key => $"{key}".PadRight(256, 'v'));

        using var response = await PostAsync(body.ToJsonString());

        await AssertOkAsync(response);
        var stored = (await StoredCallAsync(callId)).GetProperty("attributes");
        Assert.Equal(64, stored.EnumerateObject().Count());
        Assert.Equal("63".PadRight(256, 'v'), stored.GetProperty("sip.h.x-63".PadRight(256, 'k')).GetString());
        App.AssertNoWarningsLogged();
    }

    // Passes on SQLite, which does not enforce column lengths.
    [Fact]
    public async Task Attributes_with_non_ascii_values_at_every_limit_are_stored_verbatim()
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        var value = string.Concat(Enumerable.Repeat("山田太郎", 64));
        body["attributes"] = Attributes(64, key => $"sip.h.x-display-{key}", _ => value);
        var json = body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        using var response = await PostAsync(json);

        await AssertOkAsync(response);
        var call = await StoredCallAsync(callId);
        Assert.Equal(value, call.GetProperty("attributes").GetProperty("sip.h.x-display-63").GetString());
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""["sip.twilio.callSid", "CA123"]""")]
    [InlineData("\"sip.twilio.callSid=CA123\"")]
    [InlineData("42")]
    [InlineData("true")]
    public async Task Attributes_that_are_not_an_object_are_a_400_validation_problem(string jsonValue)
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body["attributes"] = JsonNode.Parse(jsonValue);

        using var response = await PostAsync(body.ToJsonString());

        await AssertValidationProblemAsync(response, "attributes");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("""{"nested": "value"}""")]
    [InlineData("""["CA123"]""")]
    public async Task An_attribute_whose_value_is_not_a_string_is_a_400_validation_problem_naming_it(string jsonValue)
    {
        var callId = NewCallId();
        var body = ValidBody(callId);
        body["attributes"] = new JsonObject { ["sip.callID"] = "abc", ["sip.twilio.callSid"] = JsonNode.Parse(jsonValue) };

        using var response = await PostAsync(body.ToJsonString());

        await AssertValidationProblemAsync(response, "attributes.sip.twilio.callSid");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_body_that_is_not_json_by_its_content_type_is_a_415(string mediaType)
    {
        var callId = NewCallId();

        using var response = await PostAsync(ValidBody(callId).ToJsonString(), mediaType);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Unsupported media type", "unsupported_media_type");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_a_415()
    {
        var callId = NewCallId();
        using var request = App.SignedRoute(ValidBody(callId).ToJsonString());
        request.Content!.Headers.ContentType = null;

        using var response = await SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Unsupported media type", "unsupported_media_type");
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    public async Task Json_declared_as_utf8_is_accepted(string mediaType)
    {
        var callId = NewCallId();

        using var response = await PostAsync(ValidBody(callId).ToJsonString(), mediaType);

        await AssertOkAsync(response);
        await StoredCallAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_a_413_and_stores_nothing()
    {
        var callId = NewCallId();
        var json = PaddedTo(ValidBody(callId), (64 * 1024) + 1);

        using var response = await PostAsync(json);

        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "Request body too large", "body_too_large");
        Assert.Equal("The body must be at most 65536 bytes.", problem.GetProperty("detail").GetString());
        await AssertNotStoredAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task A_body_of_exactly_64_KiB_is_accepted()
    {
        var callId = NewCallId();
        var json = PaddedTo(ValidBody(callId), 64 * 1024);

        using var response = await PostAsync(json);

        await AssertOkAsync(response);
        await StoredCallAsync(callId);
        App.AssertNoWarningsLogged();
    }

    [Fact]
    public async Task An_unexpected_error_is_a_500_problem_with_a_trace_id()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(FaultInjection.Path, Ct);

        var problem = await AssertProblemAsync(response, HttpStatusCode.InternalServerError, title: null, code: null);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("trace_id").GetString()));
    }

    [Fact]
    public async Task An_unexpected_error_reveals_neither_the_exception_nor_a_stack_trace()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(FaultInjection.Path, Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("secret stack detail", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("FaultInjection", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_error_is_logged_for_the_operator_with_its_exception()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(FaultInjection.Path, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var errors = App.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error).ToList();
        Assert.Contains(errors, r => r.Exception is InvalidOperationException { Message: "secret stack detail: boom" });
    }

    private static string NewCallId() => "SCL_" + Guid.NewGuid().ToString("N");

    private static JsonObject ValidBody(string callId) => new()
    {
        ["call_id"] = callId,
        ["from_number"] = SwitchboardApp.NewNumber(),
        ["to_number"] = SwitchboardApp.NewNumber(),
    };

    /// <summary>The body as JSON of exactly <paramref name="bytes"/> UTF-8 bytes, filled up by an unknown field (which the service ignores).</summary>
    private static string PaddedTo(JsonObject body, int bytes)
    {
        body["padding"] = "";
        var length = Encoding.UTF8.GetByteCount(body.ToJsonString());
        body["padding"] = new string('p', bytes - length);
        var json = body.ToJsonString();
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(json));
        return json;
    }

    /// <summary>The body as JSON with every <c>LONE</c> replaced by the escape of half a surrogate pair: valid JSON, yet no string can hold it.</summary>
    private static string WithLoneSurrogate(JsonObject body) => body.ToJsonString().Replace("LONE", "\\ud800", StringComparison.Ordinal);

    private async Task<HttpResponseMessage> PostAsync(string json, string mediaType = "application/json")
    {
        using var request = App.SignedRoute(json, mediaType);
        return await SendAsync(request);
    }

    private static JsonObject Attributes(int count, Func<int, string> key, Func<int, string> value)
    {
        var attributes = new JsonObject();
        for (var i = 0; i < count; i++)
        {
            attributes[key(i)] = value(i);
        }

        return attributes;
    }

    private async Task<HttpResponseMessage> PostBytesAsync(byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RoutingWebhookEndpoints.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", AccessTokenWriter.SignWebhook(App.Key, body, App.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        return await SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var client = App.CreateClient();
        return await client.SendAsync(request, Ct);
    }

    private static async Task AssertOkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? title, string? code)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (title is not null)
        {
            Assert.Equal(title, problem.GetProperty("title").GetString());
        }

        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }

        return problem;
    }

    private static async Task<JsonElement> AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Invalid routing request", "invalid_request");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
        Assert.NotEmpty(messages.EnumerateArray());
        return problem;
    }

    private async Task AssertNotStoredAsync(string callId)
    {
        using var client = App.CreateAdminClient();
        using var response = await client.GetAsync($"/api/v1/calls/{Uri.EscapeDataString(callId)}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonElement> StoredCallAsync(string callId)
    {
        using var client = App.CreateAdminClient();
        using var response = await client.GetAsync($"/api/v1/calls/{Uri.EscapeDataString(callId)}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the call was not stored: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}

[Collection(nameof(OnSqlite))]
public sealed class BadInputOnSqlite(SqliteApp app) : BadInputTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class BadInputOnPostgres(PostgresApp app) : BadInputTests<PostgresApp>(app);
