using System.CommandLine;
using System.Text.Json;
using Switchboard.LiveKit;
using Switchboard.Web;
using Switchboard.Web.Hosting;
using Switchboard.Web.Routing;

namespace Switchboard.Cli;

/// <summary>
/// <c>switchboard call --from N --to N</c>: signs a routing request the way LiveKit signs webhooks, with the
/// configured key, sends it to the running service and prints the answer. (A pre-signed curl would expire in minutes.)
/// </summary>
internal static class CallCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The caller id.", Required = true };
        var to = new Option<string>("--to") { Description = "The dialed number.", Required = true };
        var url = new Option<string>("--url") { Description = "The service's base URL.", DefaultValueFactory = _ => SwitchboardBuilder.DefaultUrl };
        var callId = new Option<string?>("--call-id") { Description = "LiveKit's SIP call id (default: a new one). Send the same one twice to see idempotency." };
        var call = new Command("call", "Send a signed routing request to the running service and print the answer.") { from, to, url, callId };
        call.SetAction((parse, cancellationToken) =>
            CallAsync(parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(url)!, parse.GetValue(callId), cancellationToken));
        return call;
    }

    private static async Task<int> CallAsync(string from, string to, string url, string? callId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["call_id"] = callId ?? $"SCL_cli{Guid.NewGuid():N}"[..16],
            ["from_number"] = from,
            ["to_number"] = to,
        });
        var token = AccessTokenWriter.SignWebhook(SigningKey(), body, TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(5));

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, RoutingWebhookEndpoints.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", token);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            Console.WriteLine($"HTTP {(int)response.StatusCode}");
            Console.WriteLine(Pretty(text));
            return response.IsSuccessStatusCode ? Cli.Ok : Cli.Failed;
        }
        catch (HttpRequestException ex)
        {
            return await Cli.FailAsync($"Could not reach {url}: {ex.Message}. Is 'switchboard serve' running?");
        }
    }

    /// <summary>The first configured key pair (as the service reads them), else LiveKit's development pair, as <c>serve --demo</c> uses.</summary>
    private static WebhookKey SigningKey()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables().Build();
        var options = configuration.GetSection(SwitchboardOptions.Section).Get<SwitchboardOptions>() ?? new SwitchboardOptions();
        var liveKit = configuration.GetSection(LiveKitOptions.Section).Get<LiveKitOptions>() ?? new LiveKitOptions();
        return WebhookSignature.Keys(options, liveKit).FirstOrDefault() ?? new WebhookKey(DemoSettings.ApiKey, DemoSettings.ApiSecret);
    }

    private static string Pretty(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
