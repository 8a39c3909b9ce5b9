namespace Switchboard.LiveKit.Api;

/// <summary>
/// LiveKit's <c>livekit.SIP</c> service (livekit.md §3.6): dispatch rules and inbound trunks, signed with <c>sip {admin}</c>,
/// and cold transfers, signed with <c>sip {call}</c> plus <c>video {roomAdmin, room}</c>. Resolve it from DI
/// (<see cref="LiveKitApiServiceCollectionExtensions.AddLiveKitApi"/>).
/// </summary>
public sealed class SipClient
{
    /// <summary>LiveKit's ringing timeout for a transfer that sets none.</summary>
    public static readonly TimeSpan DefaultTransferRingingTimeout = TimeSpan.FromSeconds(30);

    private readonly TwirpClient _twirp;

    internal SipClient(TwirpClient twirp) => _twirp = twirp;

    /// <summary>
    /// Creates a dispatch rule through the <c>dispatch_rule</c> request form, which (unlike the legacy top-level form) carries
    /// <see cref="SipDispatchRuleInfo.Numbers"/>. One attempt only; LiveKit refuses a rule that conflicts with another
    /// (<see cref="TwirpErrorCode.InvalidArgument"/>).
    /// </summary>
    public Task<SipDispatchRuleInfo> CreateSipDispatchRuleAsync(SipDispatchRuleInfo rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var request = new CreateSipDispatchRuleRequest { DispatchRule = rule };
        return _twirp.CallAsync<CreateSipDispatchRuleRequest, SipDispatchRuleInfo>(TwirpMethod.CreateSipDispatchRule, request, ApiGrants.SipAdmin(), cancellationToken);
    }

    /// <summary>UpdateSIPDispatchRule's <c>replace</c> form: the rule becomes <paramref name="rule"/> (whose ID must be empty or <paramref name="ruleId"/>).</summary>
    public Task<SipDispatchRuleInfo> ReplaceSipDispatchRuleAsync(string ruleId, SipDispatchRuleInfo rule, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        ArgumentNullException.ThrowIfNull(rule);
        var request = new UpdateSipDispatchRuleRequest { SipDispatchRuleId = ruleId, Replace = rule };
        return _twirp.CallAsync<UpdateSipDispatchRuleRequest, SipDispatchRuleInfo>(TwirpMethod.UpdateSipDispatchRule, request, ApiGrants.SipAdmin(), cancellationToken);
    }

    /// <summary>UpdateSIPDispatchRule's <c>update</c> form: changes only what <paramref name="update"/> sets.</summary>
    public Task<SipDispatchRuleInfo> UpdateSipDispatchRuleAsync(string ruleId, SipDispatchRuleUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        ArgumentNullException.ThrowIfNull(update);
        var request = new UpdateSipDispatchRuleRequest { SipDispatchRuleId = ruleId, Update = update };
        return _twirp.CallAsync<UpdateSipDispatchRuleRequest, SipDispatchRuleInfo>(TwirpMethod.UpdateSipDispatchRule, request, ApiGrants.SipAdmin(), cancellationToken);
    }

    /// <summary>Dispatch rules, filtered by <paramref name="request"/> when given. IDs LiveKit does not know are left out.</summary>
    public async Task<IReadOnlyList<SipDispatchRuleInfo>> ListSipDispatchRuleAsync(ListSipDispatchRuleRequest? request = null, CancellationToken cancellationToken = default)
    {
        var response = await _twirp.CallAsync<ListSipDispatchRuleRequest, ListSipDispatchRuleResponse>(
            TwirpMethod.ListSipDispatchRule, request ?? new ListSipDispatchRuleRequest(), ApiGrants.SipAdmin(), cancellationToken);
        return response.Items;
    }

    /// <summary>Deletes a rule and returns it. Retried, so a retry after a lost answer can report <see cref="TwirpErrorCode.NotFound"/>.</summary>
    public Task<SipDispatchRuleInfo> DeleteSipDispatchRuleAsync(string ruleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        var request = new DeleteSipDispatchRuleRequest { SipDispatchRuleId = ruleId };
        return _twirp.CallAsync<DeleteSipDispatchRuleRequest, SipDispatchRuleInfo>(TwirpMethod.DeleteSipDispatchRule, request, ApiGrants.SipAdmin(), cancellationToken);
    }

    /// <summary>Inbound trunks, filtered by <paramref name="request"/> when given.</summary>
    public async Task<IReadOnlyList<SipInboundTrunkInfo>> ListSipInboundTrunkAsync(ListSipInboundTrunkRequest? request = null, CancellationToken cancellationToken = default)
    {
        var response = await _twirp.CallAsync<ListSipInboundTrunkRequest, ListSipInboundTrunkResponse>(
            TwirpMethod.ListSipInboundTrunk, request ?? new ListSipInboundTrunkRequest(), ApiGrants.SipAdmin(), cancellationToken);
        return response.Items;
    }

    /// <summary>Creates an inbound trunk. One attempt only.</summary>
    public Task<SipInboundTrunkInfo> CreateSipInboundTrunkAsync(SipInboundTrunkInfo trunk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        var request = new CreateSipInboundTrunkRequest { Trunk = trunk };
        return _twirp.CallAsync<CreateSipInboundTrunkRequest, SipInboundTrunkInfo>(TwirpMethod.CreateSipInboundTrunk, request, ApiGrants.SipAdmin(), cancellationToken);
    }

    /// <summary>UpdateSIPInboundTrunk's <c>replace</c> form.</summary>
    public Task<SipInboundTrunkInfo> ReplaceSipInboundTrunkAsync(string trunkId, SipInboundTrunkInfo trunk, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(trunkId);
        ArgumentNullException.ThrowIfNull(trunk);
        var request = new UpdateSipInboundTrunkRequest { SipTrunkId = trunkId, Replace = trunk };
        return _twirp.CallAsync<UpdateSipInboundTrunkRequest, SipInboundTrunkInfo>(TwirpMethod.UpdateSipInboundTrunk, request, ApiGrants.SipAdmin(), cancellationToken);
    }

    /// <summary>UpdateSIPInboundTrunk's <c>update</c> form: changes only what <paramref name="update"/> sets.</summary>
    public Task<SipInboundTrunkInfo> UpdateSipInboundTrunkAsync(string trunkId, SipInboundTrunkUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(trunkId);
        ArgumentNullException.ThrowIfNull(update);
        var request = new UpdateSipInboundTrunkRequest { SipTrunkId = trunkId, Update = update };
        return _twirp.CallAsync<UpdateSipInboundTrunkRequest, SipInboundTrunkInfo>(TwirpMethod.UpdateSipInboundTrunk, request, ApiGrants.SipAdmin(), cancellationToken);
    }

    /// <summary>
    /// Cold-transfers a SIP participant (SIP REFER). One attempt only, given the ringing timeout plus the usual attempt time,
    /// since LiveKit answers only once the target answers or the ringing ends. A refused transfer throws with
    /// <see cref="LiveKitApiException.SipStatusCode"/> when LiveKit reports one.
    /// </summary>
    public Task<SipTransferResult> TransferSipParticipantAsync(TransferSipParticipantRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.RoomName, nameof(request));
        ArgumentException.ThrowIfNullOrEmpty(request.ParticipantIdentity, nameof(request));
        ArgumentException.ThrowIfNullOrEmpty(request.TransferTo, nameof(request));
        var ringing = request.RingingTimeout is { } timeout && timeout > TimeSpan.Zero ? timeout : DefaultTransferRingingTimeout;
        return _twirp.CallAsync<TransferSipParticipantRequest, SipTransferResult>(TwirpMethod.TransferSipParticipant, request,
            ApiGrants.SipCall(request.RoomName), cancellationToken, attemptTimeout: ringing + _twirp.AttemptTimeout);
    }
}
