using System.Text.Json.Nodes;

namespace Switchboard.LiveKit.StandIn;

/// <summary>A SIP dispatch rule the stand-in holds.</summary>
/// <param name="Id"><c>SDR_</c> + 12 characters.</param>
/// <param name="Info">The whole <c>SIPDispatchRuleInfo</c> as LiveKit would answer it (proto names, every field); a copy.</param>
/// <param name="Name">The rule name.</param>
public sealed record StandInRule(string Id, string Name, JsonObject Info)
{
    /// <summary>The rule's dialed-number filter (<c>numbers</c>).</summary>
    public IReadOnlyList<string> Numbers => Strings("numbers");

    /// <summary>The rule's trunk filter (<c>trunk_ids</c>).</summary>
    public IReadOnlyList<string> TrunkIds => Strings("trunk_ids");

    private string[] Strings(string field) => [.. Info[field]?.AsArray().Select(n => n!.GetValue<string>()) ?? []];
}
