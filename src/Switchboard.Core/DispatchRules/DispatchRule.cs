using System.Text.Json;

namespace Switchboard.Core.DispatchRules;

/// <summary>
/// LiveKit's <c>SIPDispatchRuleInfo</c>: which calls a rule takes and the room it puts them in. The oneof
/// <c>rule</c> is flattened into <see cref="Kind"/> and the kind's fields.
/// </summary>
public sealed record DispatchRule
{
    /// <summary><c>sip_dispatch_rule_id</c>: required here, since matching sorts and breaks ties by it.</summary>
    public required string Id { get; init; }

    public required DispatchRuleKind Kind { get; init; }

    /// <summary><c>room_name</c> for <see cref="DispatchRuleKind.Direct"/>, <c>room_prefix</c> for the other kinds.</summary>
    public string Room { get; init; } = "";

    /// <summary>The kind's <c>pin</c>; empty: no PIN.</summary>
    public string Pin { get; init; } = "";

    /// <summary><see cref="DispatchRuleKind.Individual"/> only: no random suffix on the room name.</summary>
    public bool NoRandomness { get; init; }

    /// <summary><see cref="DispatchRuleKind.Callee"/> only: a random suffix on the room name.</summary>
    public bool Randomize { get; init; }

    /// <summary>Trunks the rule applies to; empty: any trunk, and calls that matched no trunk.</summary>
    public IReadOnlyList<string> TrunkIds { get; init; } = [];

    public bool HidePhoneNumber { get; init; }

    /// <summary>Filter on the <em>caller</em> (From user), exact strings: not the dialed number, whatever the name suggests.</summary>
    public IReadOnlyList<string> InboundNumbers { get; init; } = [];

    /// <summary>Filter on the dialed number (To user), exact strings.</summary>
    public IReadOnlyList<string> Numbers { get; init; } = [];

    public string Name { get; init; } = "";

    /// <summary>Becomes the SIP participant's metadata.</summary>
    public string Metadata { get; init; } = "";

    /// <summary>Copied into the SIP participant's attributes (the <c>sip.*</c> ones win).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = ProtoEnums.NoAttributes;

    public string RoomPreset { get; init; } = "";

    /// <summary>The <c>room_config</c> message, or null when unset.</summary>
    public RoomConfiguration? RoomConfig { get; init; }

    /// <summary>The <c>media</c> message, opaque: a JSON object, or null when unset.</summary>
    public JsonElement? Media { get; init; }

    public bool KrispEnabled { get; init; }

    /// <summary>A <c>SIPMediaEncryption</c> name (deprecated by LiveKit in favour of <c>media.encryption</c>).</summary>
    public string MediaEncryption { get; init; } = ProtoEnums.MediaEncryptions[0];

    /// <summary>The agents LiveKit dispatches when the call creates the room: <c>room_config.agents</c>.</summary>
    public IReadOnlyList<RoomAgentDispatch> Agents => RoomConfig?.Agents ?? [];

    /// <summary>
    /// The rule's place in LiveKit's order, lower first: by kind and PIN (a PIN rule before an open one), then 1000 more
    /// for each empty number filter, so any number filter outranks any kind or PIN difference.
    /// </summary>
    public int Priority =>
        Kind switch { DispatchRuleKind.Direct => 0, DispatchRuleKind.Individual => 1, _ => 2 }
        + (Pin.Length > 0 ? 0 : 100) + (InboundNumbers.Count == 0 ? 1000 : 0) + (Numbers.Count == 0 ? 1000 : 0);

    /// <summary>
    /// How the room name is built, with placeholders instead of the numbers, e.g. <c>call_&lt;caller&gt;_&lt;random&gt;</c>:
    /// what a trace can show without a phone number in it.
    /// </summary>
    public string RoomTemplate
    {
        get
        {
            var prefix = Room.Length > 0 ? Room + "_" : "";
            return Kind switch
            {
                DispatchRuleKind.Direct => Room,
                DispatchRuleKind.Individual => prefix + (HidePhoneNumber ? "<caller, last 4>" : "<caller>") + (NoRandomness ? "" : "_<random>"),
                _ => prefix + "<dialed>" + (Randomize ? "_<random>" : ""),
            };
        }
    }
}
