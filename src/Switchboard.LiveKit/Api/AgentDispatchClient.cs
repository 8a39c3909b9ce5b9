namespace Switchboard.LiveKit.Api;

/// <summary>
/// LiveKit's <c>livekit.AgentDispatchService</c> (livekit.md §3.5). Each call is signed with <c>video {roomAdmin, room}</c> for
/// its room only. Resolve it from DI (<see cref="LiveKitApiServiceCollectionExtensions.AddLiveKitApi"/>).
/// </summary>
public sealed class AgentDispatchClient
{
    private readonly TwirpClient _twirp;

    internal AgentDispatchClient(TwirpClient twirp) => _twirp = twirp;

    /// <summary>
    /// Dispatches an agent to a room. One attempt only: LiveKit creates a new dispatch each time, so after a failure whose
    /// <see cref="LiveKitApiException.MayHaveBeenApplied"/> is true, look with <see cref="ListDispatchAsync"/> before trying again.
    /// </summary>
    public Task<AgentDispatch> CreateDispatchAsync(CreateAgentDispatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Room, nameof(request));
        return _twirp.CallAsync<CreateAgentDispatchRequest, AgentDispatch>(TwirpMethod.CreateDispatch, request, ApiGrants.RoomAdmin(request.Room), cancellationToken);
    }

    /// <summary>The room's dispatches, or just <paramref name="dispatchId"/>'s.</summary>
    public async Task<IReadOnlyList<AgentDispatch>> ListDispatchAsync(string room, string? dispatchId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        var request = new ListAgentDispatchRequest { Room = room, DispatchId = dispatchId ?? "" };
        var response = await _twirp.CallAsync<ListAgentDispatchRequest, ListAgentDispatchResponse>(TwirpMethod.ListDispatch, request, ApiGrants.RoomAdmin(room), cancellationToken);
        return response.AgentDispatches;
    }

    /// <summary>Deletes a dispatch and returns it. Retried, so a retry after a lost answer can report <see cref="TwirpErrorCode.NotFound"/>.</summary>
    public Task<AgentDispatch> DeleteDispatchAsync(string room, string dispatchId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        ArgumentException.ThrowIfNullOrEmpty(dispatchId);
        var request = new DeleteAgentDispatchRequest { Room = room, DispatchId = dispatchId };
        return _twirp.CallAsync<DeleteAgentDispatchRequest, AgentDispatch>(TwirpMethod.DeleteDispatch, request, ApiGrants.RoomAdmin(room), cancellationToken);
    }
}
