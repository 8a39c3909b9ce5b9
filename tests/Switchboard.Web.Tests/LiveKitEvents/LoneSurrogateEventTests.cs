using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.LiveKitEvents;

/// <summary>
/// A signed event whose JSON escapes half a surrogate pair (<c>"\ud800"</c>) is valid JSON that no string can hold: wherever it
/// sits, the event is unreadable, answered 400 like any other, and changes nothing.
/// </summary>
public abstract class LoneSurrogateEventTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : SwitchboardApp
{
    [Theory]
    [InlineData("createdAt")]                           // a 64-bit integer, sent as a JSON string
    [InlineData("room.name")]
    [InlineData("participant.identity")]
    [InlineData("participant.joinedAt")]
    [InlineData("participant.attributes.sip.hostname")]
    [InlineData("participant.attributes.sip.trunkPhoneNumber")]
    public async Task A_value_escaping_a_lone_surrogate_is_a_400_that_records_no_call(string path)
    {
        var call = LiveKitCall.New(SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber(), App.Clock.GetUtcNow());
        var joined = JsonNode.Parse(call.CallerJoined())!;
        Set(joined, path, "LONE");

        var status = await SendAsync(joined);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(call.CallId));
    }

    [Fact]
    public async Task An_attribute_name_escaping_a_lone_surrogate_is_a_400_that_records_no_call()
    {
        var call = LiveKitCall.New(SwitchboardApp.NewNumber(), SwitchboardApp.NewNumber(), App.Clock.GetUtcNow());
        var joined = JsonNode.Parse(call.CallerJoined())!;
        joined["participant"]!["attributes"]!["sip.h.x-LONE"] = "v";

        var status = await SendAsync(joined);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(HttpStatusCode.NotFound, await App.CallStatusAsync(call.CallId));
    }

    /// <summary>Sets the value at a dotted path; an attribute's name keeps its dots.</summary>
    private static void Set(JsonNode body, string path, string value)
    {
        const string Attributes = "participant.attributes.";
        var (parent, name) = path switch
        {
            _ when path.StartsWith(Attributes, StringComparison.Ordinal) => (body["participant"]!["attributes"]!, path[Attributes.Length..]),
            _ when path.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot => (body[path[..dot]]!, path[(dot + 1)..]),
            _ => (body, path),
        };
        parent[name] = value;
    }

    private async Task<HttpStatusCode> SendAsync(JsonNode body)
    {
        using var client = App.CreateClient();
        return await App.SendEventAsync(client, body.ToJsonString().Replace("LONE", "\\ud800", StringComparison.Ordinal));
    }
}

[Collection(nameof(OnSqlite))]
public sealed class LoneSurrogateEventsOnSqlite(SqliteApp app) : LoneSurrogateEventTests<SqliteApp>(app);

[Collection(nameof(OnPostgres))]
public sealed class LoneSurrogateEventsOnPostgres(PostgresApp app) : LoneSurrogateEventTests<PostgresApp>(app);
