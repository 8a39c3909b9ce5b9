namespace Switchboard.Web.LiveKitEvents;

/// <summary>What a call action did, stored on the action and on the call's timeline.</summary>
/// <param name="Event">The timeline entry: <c>agent_dispatched</c>, <c>caller_removed</c>, …</param>
/// <param name="DispatchId">LiveKit's dispatch id (<c>AD_…</c>), for a dispatch.</param>
/// <param name="AgentName">The agent dispatched.</param>
/// <param name="Found">The dispatch already existed (an earlier attempt's answer was lost) and was not created again.</param>
public sealed record CallActionResult(string Event, string? DispatchId = null, string? AgentName = null, bool? Found = null);
