namespace Switchboard.LiveKit.StandIn;

/// <summary>A participant in a stand-in room.</summary>
/// <param name="Kind">LiveKit's kind name: <c>SIP</c>, <c>AGENT</c>, <c>STANDARD</c>, …</param>
/// <param name="Sid"><c>PA_</c> + 12 characters.</param>
/// <param name="Identity">The participant identity.</param>
/// <param name="Name">The display name.</param>
/// <param name="Metadata">The participant metadata.</param>
/// <param name="Attributes">The participant attributes.</param>
public sealed record StandInParticipant(string Sid, string Identity, string Name, string Kind, string Metadata, IReadOnlyDictionary<string, string> Attributes);
