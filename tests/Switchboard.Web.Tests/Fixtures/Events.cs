using System.Net;
using Xunit;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>Sends LiveKit webhook events to the app, signed as LiveKit signs them.</summary>
internal static class Events
{
    /// <summary>Sends one signed event; its status.</summary>
    public static async Task<HttpStatusCode> SendEventAsync(this SwitchboardApp app, HttpClient client, string json, string mediaType = "application/webhook+json")
    {
        using var request = app.SignedEvent(json, mediaType);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>Sends the events one after another, failing the test unless each is answered 204.</summary>
    public static async Task SendEventsAsync(this SwitchboardApp app, IEnumerable<string> events)
    {
        using var client = app.CreateClient();
        foreach (var json in events)
        {
            var status = await app.SendEventAsync(client, json);
            Assert.True(status == HttpStatusCode.NoContent, $"event answered {(int)status}: {json}");
        }
    }
}
