namespace Switchboard.Data;

/// <summary>The kinds of <see cref="Entities.CallAction"/>.</summary>
public static class CallActionKinds
{
    /// <summary>Dispatch the routed agent to the caller's room (exactly one dispatch, whatever the retries).</summary>
    public const string DispatchAgent = "dispatch_agent";

    /// <summary>Hang up a rejected caller (RemoveParticipant).</summary>
    public const string RemoveCaller = "remove_caller";
}
