namespace Switchboard.Core.LiveKitSync;

/// <summary>The kind of LiveKit object a <see cref="SyncStep"/> changes.</summary>
public enum SyncObjectKind
{
    /// <summary>An inbound SIP trunk (<c>SIPInboundTrunkInfo</c>).</summary>
    Trunk,

    /// <summary>A SIP dispatch rule (<c>SIPDispatchRuleInfo</c>).</summary>
    Rule,
}
