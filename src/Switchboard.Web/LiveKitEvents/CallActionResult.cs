namespace Switchboard.Web.LiveKitEvents;

/// <summary>What a call action did, stored on the action and, when <see cref="Event"/> is set, on the call's timeline.</summary>
/// <param name="Event">The timeline entry (<c>agent_dispatched</c>, <c>agent_timeout</c>, <c>caller_transferred</c>, …), or null for none.</param>
/// <param name="DispatchId">LiveKit's dispatch id (<c>AD_…</c>), for a dispatch.</param>
/// <param name="AgentName">The agent concerned.</param>
/// <param name="Found">The dispatch already existed (an earlier attempt's answer was lost) and was not created again.</param>
/// <param name="Outcome">What a deadline found or did: <c>agent_joined</c>, <c>agent_present</c>, <c>call_ended</c>, <c>caller_gone</c>, <c>backup_agent</c>, <c>transfer</c>, <c>none</c>.</param>
/// <param name="TransferTo">The transfer target, for a transfer.</param>
public sealed record CallActionResult(
    string? Event, string? DispatchId = null, string? AgentName = null, bool? Found = null, string? Outcome = null, string? TransferTo = null);
