using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>
/// The HTTP round trips the idempotency, explain, configuration and admin suites repeat: a signed routing webhook, a call
/// by id, a tenant's leads, a configuration file sent as is. Each asserts only what every caller needs (the status).
/// </summary>
internal static class Calls
{
    public static string NewCallId() => "SCL_" + Guid.NewGuid().ToString("N");

    /// <summary>The routing webhook's body, as LiveKit sends it.</summary>
    public static string Body(string callId, string from, string to) =>
        JsonSerializer.Serialize(new { call_id = callId, from_number = from, to_number = to });

    /// <summary>Sends a signed routing webhook; the status and the exact bytes of the answer.</summary>
    public static async Task<Answer> SendRouteAsync(this SwitchboardApp app, HttpClient client, string json)
    {
        using var request = app.SignedRoute(json);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return new Answer(response.StatusCode, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Routes a call and fails the test unless it is answered 200.</summary>
    public static async Task<Answer> RouteAsync(this SwitchboardApp app, string from, string to, string? callId = null)
    {
        using var client = app.CreateClient();
        var answer = await app.SendRouteAsync(client, Body(callId ?? NewCallId(), from, to));
        Assert.True(answer.Status == HttpStatusCode.OK, $"{(int)answer.Status}: {answer.Text}");
        return answer;
    }

    /// <summary>GET /api/v1/calls/{callId}; fails the test unless it is 200.</summary>
    public static async Task<JsonDocument> CallAsync(this SwitchboardApp app, string callId)
    {
        using var client = app.CreateAdminClient();
        using var response = await client.GetAsync($"/api/v1/calls/{Uri.EscapeDataString(callId)}", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET call {callId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }

    /// <summary>The status of GET /api/v1/calls/{callId}.</summary>
    public static async Task<HttpStatusCode> CallStatusAsync(this SwitchboardApp app, string callId)
    {
        using var client = app.CreateAdminClient();
        using var response = await client.GetAsync($"/api/v1/calls/{Uri.EscapeDataString(callId)}", TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>GET /api/v1/leads?tenant=&amp;phone=; fails the test unless it is 200.</summary>
    public static async Task<JsonDocument> LeadsAsync(this SwitchboardApp app, string tenant, string? phone = null)
    {
        using var client = app.CreateAdminClient();
        var query = $"/api/v1/leads?tenant={Uri.EscapeDataString(tenant)}" + (phone is null ? "" : $"&phone={Uri.EscapeDataString(phone)}");
        using var response = await client.GetAsync(query, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {query}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }

    /// <summary>PUT /api/v1/config with the document as is; the status and the parsed answer.</summary>
    public static async Task<(HttpStatusCode Status, JsonDocument Body)> PutConfigAsync(this SwitchboardApp app, string document,
        string mediaType = "application/yaml", bool prune = false)
    {
        using var client = app.CreateAdminClient();
        using var content = new StringContent(document, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        using var response = await client.PutAsync(prune ? "/api/v1/config?prune=true" : "/api/v1/config", content, TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    /// <summary>GET /api/v1/config as JSON; fails the test unless it is 200.</summary>
    public static async Task<JsonDocument> ConfigJsonAsync(this SwitchboardApp app)
    {
        using var client = app.CreateAdminClient();
        return JsonDocument.Parse(await client.GetStringAsync("/api/v1/config?format=json", TestContext.Current.CancellationToken));
    }

    /// <summary>The ids of the tenants in force, from GET /api/v1/config.</summary>
    public static async Task<List<string>> TenantIdsAsync(this SwitchboardApp app)
    {
        using var config = await app.ConfigJsonAsync();
        return [.. config.RootElement.GetProperty("tenants").EnumerateArray().Select(t => t.GetProperty("id").GetString()!)];
    }

    /// <summary>The dialed numbers in force for one tenant, from GET /api/v1/config.</summary>
    public static async Task<List<string>> NumbersOfAsync(this SwitchboardApp app, string tenant)
    {
        using var config = await app.ConfigJsonAsync();
        var match = config.RootElement.GetProperty("tenants").EnumerateArray().SingleOrDefault(t => t.GetProperty("id").GetString() == tenant);
        return match.ValueKind == JsonValueKind.Undefined || !match.TryGetProperty("numbers", out var numbers)
            ? []
            : [.. numbers.EnumerateArray().Select(n => n.GetProperty("number").GetString()!)];
    }

    /// <summary>The status and exact bytes of a routing answer.</summary>
    internal sealed record Answer(HttpStatusCode Status, byte[] Bytes)
    {
        public string Text => Encoding.UTF8.GetString(Bytes);

        public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Bytes);

        public JsonElement Lead => Json.GetProperty("metadata").GetProperty("lead");
    }
}

/// <summary>
/// A tenant of the test's own: a fresh slug and two fresh dialed numbers, one on the <c>promo</c> campaign and one without a campaign.
/// </summary>
internal sealed record TestTenant(string Id, string CampaignNumber, string PlainNumber)
{
    public static TestTenant New() => new(SwitchboardApp.NewSlug("t"), SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber());

    /// <summary>A whole configuration file: optional global lines, then these tenants.</summary>
    public static string Document(string globals, params IEnumerable<string> entries) =>
        globals + (globals.Length == 0 || globals.EndsWith('\n') ? "" : "\n") + "tenants:\n" + string.Concat(entries);

    /// <summary>This tenant as one item of <c>tenants:</c>.</summary>
    public string Entry(string campaignAgent = "sales-bot", bool campaignActive = true, string tenantAgent = "tenant-bot", string? blockedCaller = null,
        IEnumerable<string>? numbers = null)
    {
        var lines = new StringBuilder();
        lines.Append(FormattableString.Invariant($"""
              - id: {Id}
                name: Tenant {Id}
                default_agent: {tenantAgent}
                timezone: America/New_York
                blocked_callers: [{(blockedCaller is null ? "" : $"\"{blockedCaller}\"")}]
                campaigns:
                  - id: promo
                    name: Promo
                    agent: {campaignAgent}
                    active: {(campaignActive ? "true" : "false")}
                numbers:

            """));
        foreach (var number in numbers ?? [$"\"{CampaignNumber}\"", $"\"{PlainNumber}\""])
        {
            lines.Append(FormattableString.Invariant($"      - number: {number}\n"));
            if (number.Contains(CampaignNumber, StringComparison.Ordinal))
            {
                lines.Append("        campaign: promo\n");
            }
        }

        return lines.ToString();
    }

    /// <summary>The file holding only this tenant (global default agent and blocklist empty).</summary>
    public string Yaml(string campaignAgent = "sales-bot", bool campaignActive = true) => Document("", Entry(campaignAgent, campaignActive));
}
