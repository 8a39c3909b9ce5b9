using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Switchboard.Web.Tests.Cli;

/// <summary>A readiness endpoint over real HTTP whose answer the test turns: 200 while <see cref="Healthy"/>, 503 otherwise.</summary>
public sealed class HealthEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile bool _healthy = true;

    private HealthEndpoint(WebApplication app) => _app = app;

    public bool Healthy
    {
        get => _healthy;
        set => _healthy = value;
    }

    /// <summary>The URL to check, e.g. <c>http://127.0.0.1:41234/readyz</c>.</summary>
    public string Url { get; private set; } = "";

    public static async Task<HealthEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var endpoint = new HealthEndpoint(app);
        app.MapGet("/readyz", () => endpoint.Healthy ? Results.Text("Healthy") : Results.Text("Unhealthy", statusCode: StatusCodes.Status503ServiceUnavailable));
        await app.StartAsync(Xunit.TestContext.Current.CancellationToken);
        endpoint.Url = app.Urls.Single().TrimEnd('/') + "/readyz";
        return endpoint;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
