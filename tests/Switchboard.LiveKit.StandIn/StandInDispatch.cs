namespace Switchboard.LiveKit.StandIn;

/// <summary>An agent dispatch the stand-in holds (created through CreateDispatch, not yet deleted).</summary>
/// <param name="Id"><c>AD_</c> + 12 characters.</param>
/// <param name="Room">The room it dispatched to.</param>
/// <param name="AgentName">The agent dispatched.</param>
/// <param name="Metadata">The job metadata.</param>
/// <param name="Attributes">The dispatch attributes.</param>
public sealed record StandInDispatch(string Id, string Room, string AgentName, string Metadata, IReadOnlyDictionary<string, string> Attributes);
