using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.LiveKit.Api;
using Switchboard.LiveKit.StandIn;
using Xunit;

namespace Switchboard.LiveKit.Tests.Api;

/// <summary>A stand-in LiveKit on a real socket, and the real clients resolved from DI and pointed at it.</summary>
internal sealed class LiveKitApi : IAsyncDisposable
{
    public const string ApiKey = "APIstandin01";
    public const string ApiSecret = "stand-in-secret-for-tests-0123456789";

    private readonly ServiceProvider _services;

    private LiveKitApi(LiveKitStandIn liveKit, ServiceProvider services)
    {
        LiveKit = liveKit;
        _services = services;
    }

    public LiveKitStandIn LiveKit { get; }

    public AgentDispatchClient Dispatch => _services.GetRequiredService<AgentDispatchClient>();

    public SipClient Sip => _services.GetRequiredService<SipClient>();

    public RoomServiceClient Rooms => _services.GetRequiredService<RoomServiceClient>();

    /// <summary>Fast back-off, and attempt timeouts short enough for a delayed answer to time out quickly.</summary>
    public static async Task<LiveKitApi> StartAsync(Action<LiveKitApiOptions>? configure = null, string? secret = null)
    {
        var liveKit = await LiveKitStandIn.StartAsync(ApiKey, ApiSecret, cancellationToken: TestContext.Current.CancellationToken);
        var services = new ServiceCollection()
            .AddLiveKitApi(o =>
            {
                o.Url = liveKit.Url;
                o.ApiKey = ApiKey;
                o.ApiSecret = secret ?? ApiSecret;
                o.AttemptTimeout = TimeSpan.FromSeconds(5);
                o.TotalTimeout = TimeSpan.FromSeconds(20);
                o.RetryDelay = TimeSpan.FromMilliseconds(1);
                configure?.Invoke(o);
            })
            .BuildServiceProvider();
        return new LiveKitApi(liveKit, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await LiveKit.DisposeAsync();
    }
}

/// <summary>Reading the stand-in's recorded JSON in assertions.</summary>
internal static class Recorded
{
    public static string? Text(this JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = int.TryParse(part, out var index) ? node?.AsArray()[index] : node?[part];
        }

        return node?.ToString();
    }

    public static string[] Keys(this JsonNode? node) => node is JsonObject o ? [.. o.Select(p => p.Key).Order(StringComparer.Ordinal)] : [];

    public static string[] Strings(this JsonNode? node) => node is JsonArray a ? [.. a.Select(i => i!.ToString())] : [];
}
