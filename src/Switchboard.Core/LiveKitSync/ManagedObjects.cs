using System.Text.Json;
using Switchboard.Core.DispatchRules;

namespace Switchboard.Core.LiveKitSync;

/// <summary>
/// How Switchboard marks the LiveKit trunk and rules it owns, so that a sync changes them and nothing else. An object is
/// Switchboard's only when both marks are there: its name starts with <see cref="NamePrefix"/>, and a rule carries the
/// attribute <see cref="MarkerAttribute"/> = <c>true</c> (a trunk carries the same key in its <c>metadata</c> JSON). A rule
/// an operator merely names <c>switchboard: …</c> is left alone.
/// </summary>
public static class ManagedObjects
{
    public const string NamePrefix = "switchboard: ";

    /// <summary>
    /// The mark on managed rules. Rule attributes become the SIP participant's attributes (livekit.md §4.6), so the caller's
    /// participant carries it too: agents and event consumers can tell a call that came through Switchboard's rules.
    /// </summary>
    public const string MarkerAttribute = "switchboard.managed";

    public const string MarkerValue = "true";

    /// <summary>Set on static rules: the tenant that owns the dialed number (a participant attribute, as on routed calls).</summary>
    public const string TenantAttribute = "switchboard.tenant";

    /// <summary>Set on static rules when a campaign is active for the number (a participant attribute, as on routed calls).</summary>
    public const string CampaignAttribute = "switchboard.campaign";

    /// <summary>The managed inbound trunk's name.</summary>
    public const string TrunkName = NamePrefix + "inbound";

    /// <summary>The managed catch-all rule's name (events and webhook modes).</summary>
    public const string CatchAllRuleName = NamePrefix + "catch-all";

    /// <summary>
    /// Stands for the managed trunk's id in desired rules until LiveKit has assigned one: the planner puts the existing trunk's
    /// id in its place, the synchronizer the id of the trunk it creates. Never sent to LiveKit.
    /// </summary>
    public const string PendingTrunkId = "(Switchboard's trunk, to be created)";

    /// <summary>The room prefix of every managed rule: rooms are <c>call_&lt;caller&gt;_&lt;random&gt;</c>.</summary>
    public const string RoomPrefix = "call";

    /// <summary>The managed trunk's <c>metadata</c>: <c>{"switchboard.managed":"true"}</c>.</summary>
    public static string TrunkMetadata { get; } = JsonSerializer.Serialize(new Dictionary<string, string> { [MarkerAttribute] = MarkerValue });

    /// <summary>The name of the static rule for one dialed number, e.g. <c>switchboard: +15550001111</c>.</summary>
    public static string RuleName(PhoneNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return NamePrefix + number.Value;
    }

    public static bool IsManaged(DispatchRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Name.StartsWith(NamePrefix, StringComparison.Ordinal)
            && rule.Attributes.TryGetValue(MarkerAttribute, out var marker) && marker == MarkerValue;
    }

    public static bool IsManaged(InboundTrunk trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        return trunk.Name.StartsWith(NamePrefix, StringComparison.Ordinal) && HasMarker(trunk.Metadata);
    }

    private static bool HasMarker(string metadata)
    {
        if (metadata.Length == 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(metadata);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(MarkerAttribute, out var marker)
                && marker.ValueKind == JsonValueKind.String && marker.GetString() == MarkerValue;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
