using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>
/// <c>switchboard_dynamic_dispatch_refusals_total{reason}</c> on <c>/metrics</c>: every request the dynamic-dispatch endpoint refuses,
/// by the code it was refused with. Each test starts its own host, as <c>MetricsTests</c> does and for the same reason (OpenTelemetry
/// keys metric streams by meter and instrument name, so another host stopping would end this one's streams).
/// </summary>
public sealed class DynamicDispatchMetricsTests
{
    private const string Family = "switchboard_dynamic_dispatch_refusals_total";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("unknown_token", HttpStatusCode.NotFound)]
    [InlineData("unsupported_media_type", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("body_too_large", HttpStatusCode.RequestEntityTooLarge)]
    [InlineData("malformed_request", HttpStatusCode.BadRequest)]
    [InlineData("invalid_request", HttpStatusCode.BadRequest)]
    public async Task A_refused_request_is_counted_by_its_reason(string reason, HttpStatusCode status)
    {
        var rise = await CountedAsync(() => new SqliteDynamicDispatchApp(), reason, status, () => RefusedRequest(reason));

        Assert.Equal(1, rise);
    }

    [Fact]
    public async Task A_valid_token_from_a_source_not_allowed_is_counted_as_source_not_allowed()
    {
        var rise = await CountedAsync(() => new SqliteFencedDynamicDispatchApp(), "source_not_allowed", HttpStatusCode.Forbidden,
            () => (DynamicDispatchApps.Token, "application/json", JsonBody(Calls.NewCallId())));

        Assert.Equal(1, rise);
    }

    [Fact]
    public async Task A_served_request_is_no_refusal()
    {
        await using var app = new SqliteDynamicDispatchApp();
        await app.InitializeAsync();
        await app.ApplyAsync("default_agent: dd-front-desk\n");
        var before = Total(await MetricsAsync(app));

        var served = await SendAsync(app, (DynamicDispatchApps.Token, "application/json", JsonBody(Calls.NewCallId())));

        Assert.Equal(HttpStatusCode.OK, served);
        Assert.Equal(before, Total(await MetricsAsync(app)));
    }

    /// <summary>
    /// How much the count for <paramref name="reason"/> rose when a fresh host refused one request with <paramref name="status"/>.
    /// Up to three hosts are tried while the count has not risen: OpenTelemetry keys metric streams by meter and instrument
    /// name across the process, so the host of the test before, still stopping, can end a new host's stream (as
    /// <c>MetricsTests</c> explains). A service runs one host per process and never sees that; a refusal that is never
    /// counted fails every attempt.
    /// </summary>
    private static async Task<double> CountedAsync(
        Func<SwitchboardApp> newApp, string reason, HttpStatusCode status, Func<(string Token, string MediaType, byte[] Body)> request)
    {
        double rise = 0;
        for (var attempt = 0; attempt < 3 && rise == 0; attempt++)
        {
            await using var app = newApp();
            await app.InitializeAsync();
            var before = Count(await MetricsAsync(app), reason);

            Assert.Equal(status, await SendAsync(app, request()));

            rise = Count(await MetricsAsync(app), reason) - before;
        }

        return rise;
    }

    /// <summary>A request the endpoint refuses for <paramref name="reason"/>.</summary>
    private static (string Token, string MediaType, byte[] Body) RefusedRequest(string reason) => reason switch
    {
        "unknown_token" => ("dd-wrong-0123456789abcdef0123456789abcdef0", "application/json", JsonBody(Calls.NewCallId())),
        "unsupported_media_type" => (DynamicDispatchApps.Token, "text/plain", JsonBody(Calls.NewCallId())),
        "body_too_large" => (DynamicDispatchApps.Token, "application/json", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { call_id = Calls.NewCallId(), padding = new string('p', 64 * 1024) }))),
        "malformed_request" => (DynamicDispatchApps.Token, "application/json", "{\"call_id\": "u8.ToArray()),
        "invalid_request" => (DynamicDispatchApps.Token, "application/json", "{\"call_id\": 42}"u8.ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static byte[] JsonBody(string callId) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { call_id = callId, from_user = "+14155550123", to_user = SwitchboardApp.NewNumber() }));

    private static async Task<HttpStatusCode> SendAsync(SwitchboardApp app, (string Token, string MediaType, byte[] Body) request)
    {
        using var client = app.CreateClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, DynamicDispatchApps.PathFor(request.Token)) { Content = new ByteArrayContent(request.Body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.MediaType);
        using var response = await client.SendAsync(message, Ct);
        return response.StatusCode;
    }

    private static async Task<string> MetricsAsync(SwitchboardApp app)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The count for one reason; 0 while the family or the reason has no sample yet.</summary>
    private static double Count(string metrics, string reason) => Samples(metrics).Where(s => s.Contains($"reason=\"{reason}\"", StringComparison.Ordinal)).Sum(Value);

    private static double Total(string metrics) => Samples(metrics).Sum(Value);

    private static IEnumerable<string> Samples(string metrics) =>
        metrics.Split('\n').Where(line => line.StartsWith(Family + "{", StringComparison.Ordinal));

    private static double Value(string sample) => double.Parse(sample[(sample.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
}
