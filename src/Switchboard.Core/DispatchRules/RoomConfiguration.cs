using System.Text.Json;

namespace Switchboard.Core.DispatchRules;

/// <summary>A rule's <c>room_config</c>: applied by LiveKit only when the call creates the room. <see cref="Egress"/> is kept as written.</summary>
public sealed record RoomConfiguration
{
    public string Name { get; init; } = "";

    public uint EmptyTimeout { get; init; }

    public uint DepartureTimeout { get; init; }

    public uint MaxParticipants { get; init; }

    public string Metadata { get; init; } = "";

    /// <summary>The <c>egress</c> message, opaque: a JSON object, or null when unset.</summary>
    public JsonElement? Egress { get; init; }

    public uint MinPlayoutDelay { get; init; }

    public uint MaxPlayoutDelay { get; init; }

    public bool SyncStreams { get; init; }

    public IReadOnlyList<RoomAgentDispatch> Agents { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = ProtoEnums.NoAttributes;
}
