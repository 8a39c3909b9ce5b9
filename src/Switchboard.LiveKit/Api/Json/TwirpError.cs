namespace Switchboard.LiveKit.Api.Json;

/// <summary>A Twirp error body: <c>{"code":"…","msg":"…","meta":{…}}</c> (livekit.md §3.3).</summary>
internal sealed record TwirpError
{
    public string Code { get; set; } = "";

    public string Msg { get; set; } = "";

    public IReadOnlyDictionary<string, string> Meta { get; set; } = new Dictionary<string, string>();
}
