namespace Switchboard.Core.LiveKitSync;

/// <summary>Which rules the failover guard wants in LiveKit, from what its health checks have seen so far.</summary>
public enum GuardPosture
{
    /// <summary>Not enough checks in a row yet to say: the guard changes nothing.</summary>
    Unknown,

    /// <summary>Switchboard is healthy: the rules of its own mode (the catch-all), Switchboard dispatching on join.</summary>
    Normal,

    /// <summary>Switchboard stays unhealthy: <see cref="LiveKitSyncMode.Failover"/>, LiveKit dispatching each number's agent itself.</summary>
    Failover,
}
