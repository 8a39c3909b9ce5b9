namespace Switchboard.LiveKit.StandIn;

/// <summary>A stand-in room and who is in it.</summary>
public sealed record StandInRoom(string Sid, string Name, IReadOnlyList<StandInParticipant> Participants);
