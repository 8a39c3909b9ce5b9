namespace Switchboard.LiveKit.Api;

/// <summary>
/// LiveKit's <c>livekit.RoomService</c> (livekit.md §3.7): participant calls are signed with <c>video {roomAdmin, room}</c>,
/// DeleteRoom with <c>video {roomCreate}</c>. Resolve it from DI (<see cref="LiveKitApiServiceCollectionExtensions.AddLiveKitApi"/>).
/// </summary>
public sealed class RoomServiceClient
{
    private readonly TwirpClient _twirp;

    internal RoomServiceClient(TwirpClient twirp) => _twirp = twirp;

    /// <summary>
    /// Removes a participant; for a SIP participant this hangs up the call. Retried, so a retry after a lost answer can report
    /// <see cref="TwirpErrorCode.NotFound"/>: treat it as done.
    /// </summary>
    public async Task RemoveParticipantAsync(string room, string identity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        ArgumentException.ThrowIfNullOrEmpty(identity);
        var request = new RoomParticipantIdentity { Room = room, Identity = identity };
        await _twirp.CallAsync<RoomParticipantIdentity, Empty>(TwirpMethod.RemoveParticipant, request, ApiGrants.RoomAdmin(room), cancellationToken);
    }

    /// <summary>Changes a participant's metadata, name, permission or attributes and returns it as updated.</summary>
    public Task<ParticipantInfo> UpdateParticipantAsync(UpdateParticipantRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Room, nameof(request));
        ArgumentException.ThrowIfNullOrEmpty(request.Identity, nameof(request));
        return _twirp.CallAsync<UpdateParticipantRequest, ParticipantInfo>(TwirpMethod.UpdateParticipant, request, ApiGrants.RoomAdmin(request.Room), cancellationToken);
    }

    /// <summary>Everyone in the room, SIP and agent participants included.</summary>
    public async Task<IReadOnlyList<ParticipantInfo>> ListParticipantsAsync(string room, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        var request = new ListParticipantsRequest { Room = room };
        var response = await _twirp.CallAsync<ListParticipantsRequest, ListParticipantsResponse>(TwirpMethod.ListParticipants, request, ApiGrants.RoomAdmin(room), cancellationToken);
        return response.Participants;
    }

    /// <summary>
    /// Closes the room and disconnects everyone (SIP callers get a BYE). Retried, so a retry after a lost answer can report
    /// <see cref="TwirpErrorCode.NotFound"/>: treat it as done.
    /// </summary>
    public async Task DeleteRoomAsync(string room, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        await _twirp.CallAsync<DeleteRoomRequest, Empty>(TwirpMethod.DeleteRoom, new DeleteRoomRequest { Room = room }, ApiGrants.RoomCreate(), cancellationToken);
    }
}
