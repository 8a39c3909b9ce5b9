namespace Switchboard.Core.DispatchRules;

/// <summary>One entry of <c>room_config.agents</c>: an agent LiveKit dispatches to a room the call creates.</summary>
public sealed record RoomAgentDispatch
{
    public string AgentName { get; init; } = "";

    public string Metadata { get; init; } = "";

    /// <summary>A <c>JobRestartPolicy</c> name.</summary>
    public string RestartPolicy { get; init; } = ProtoEnums.RestartPolicies[0];

    public string Deployment { get; init; } = "";

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = ProtoEnums.NoAttributes;
}
