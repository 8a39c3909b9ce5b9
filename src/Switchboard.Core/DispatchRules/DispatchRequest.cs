namespace Switchboard.Core.DispatchRules;

/// <summary>
/// What LiveKit's SIP bridge knows of an INVITE when it picks a trunk and a rule. Every value is raw, as received:
/// LiveKit normalises only where the algorithm says so.
/// </summary>
public sealed record DispatchRequest
{
    /// <summary>The From-URI user part: the caller, e.g. <c>+14155550123</c> or <c>anonymous</c>.</summary>
    public string Calling { get; init; } = "";

    /// <summary>The From-URI host.</summary>
    public string CallingHost { get; init; } = "";

    /// <summary>The To-URI user part: the dialed number (LiveKit matches on To, not the Request-URI).</summary>
    public string Called { get; init; } = "";

    /// <summary>The To-URI host; LiveKit does not match on it.</summary>
    public string CalledHost { get; init; } = "";

    /// <summary>The IP the INVITE came from; when it is not an IP, address checks pass.</summary>
    public string SourceIp { get; init; } = "";

    /// <summary>The PIN the caller entered; empty on the first evaluation.</summary>
    public string Pin { get; init; } = "";

    /// <summary>The caller pressed only <c>#</c>: rules with a PIN are skipped.</summary>
    public bool NoPin { get; init; }

    /// <summary>LiveKit's call id (<c>SCL_…</c>), copied into <c>sip.callID</c>.</summary>
    public string CallId { get; init; } = "";
}
