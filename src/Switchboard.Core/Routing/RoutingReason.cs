namespace Switchboard.Core.Routing;

/// <summary>Why a call was accepted or rejected. One list, used verbatim (as <see cref="ReasonCodes"/>) in answers, call rows, metrics and logs.</summary>
public enum RoutingReason
{
    /// <summary>The dialed number names its own agent.</summary>
    NumberAgent,

    /// <summary>The number's active campaign names the agent.</summary>
    CampaignAgent,

    /// <summary>The tenant's default agent answers.</summary>
    TenantDefaultAgent,

    /// <summary>A configured number with no agent of its own, its campaign's or its tenant's: the global default answers.</summary>
    GlobalDefaultAgent,

    /// <summary>The dialed number is not configured; the global default agent answers.</summary>
    UnknownNumberDefaultAgent,

    /// <summary>The caller is on the global or the tenant's blocklist.</summary>
    CallerBlocked,

    /// <summary>The number is configured but no agent is: not on the number, campaign, tenant or globally.</summary>
    NoAgentConfigured,

    /// <summary>The dialed number is not configured and there is no global default agent.</summary>
    NumberNotConfigured,

    /// <summary>The dialed number is not configured; the LiveKit dispatch rule it matches names the agent (its first <c>room_config.agents</c> entry).</summary>
    StaticDispatchRule,
}
