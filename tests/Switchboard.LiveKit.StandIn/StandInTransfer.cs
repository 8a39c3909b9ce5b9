namespace Switchboard.LiveKit.StandIn;

/// <summary>A completed cold transfer: the participant left the room.</summary>
/// <param name="RingingTimeout">As sent (a protobuf duration such as <c>"45s"</c>), or null.</param>
/// <param name="TransferId"><c>STR_</c> + 12 characters.</param>
/// <param name="Room">The room the caller was in.</param>
/// <param name="ParticipantIdentity">The transferred participant.</param>
/// <param name="TransferTo">The target, as sent.</param>
/// <param name="PlayDialtone">Whether a dial tone was asked for.</param>
public sealed record StandInTransfer(string TransferId, string Room, string ParticipantIdentity, string TransferTo, bool PlayDialtone, string? RingingTimeout);
