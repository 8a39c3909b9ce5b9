namespace Switchboard.Data;

/// <summary>The kinds of <see cref="Entities.CallAction"/>. A call gets each kind at most once.</summary>
public static class CallActionKinds
{
    /// <summary>Dispatch the routed agent to the caller's room (exactly one dispatch, whatever the retries).</summary>
    public const string DispatchAgent = "dispatch_agent";

    /// <summary>The watchdog's deadline for the routed agent to join.</summary>
    public const string AgentTimeout = "agent_timeout";

    /// <summary>Dispatch the backup agent after the routed one timed out.</summary>
    public const string DispatchBackup = "dispatch_backup";

    /// <summary>The watchdog's deadline for the backup agent to join.</summary>
    public const string BackupTimeout = "backup_timeout";

    /// <summary>Transfer the caller (TransferSIPParticipant) when no agent joined.</summary>
    public const string TransferCaller = "transfer_caller";

    /// <summary>Hang up a rejected caller (RemoveParticipant).</summary>
    public const string RemoveCaller = "remove_caller";
}
