namespace Switchboard.Core.Routing;

/// <summary>An inbound call as the router sees it: parsed at the edge, so it holds no invalid value.</summary>
/// <param name="CallId">LiveKit's SIP call id (<c>SCL_…</c>), the idempotency key.</param>
/// <param name="Caller">Who called; may be anonymous.</param>
/// <param name="Called">The dialed number, or null when what was dialed is not a number.</param>
/// <param name="RawCalled">The dialed value as received.</param>
public sealed record InboundCall(string CallId, CallerId Caller, PhoneNumber? Called, string RawCalled)
{
    /// <summary>The From-URI host, when known: LiveKit's trunks may allow a host name in <c>allowed_addresses</c>.</summary>
    public string? FromHost { get; init; }

    /// <summary>The IP the INVITE came from, when known: checked against the trunks' <c>allowed_addresses</c>; unknown passes, as in LiveKit.</summary>
    public string? SourceIp { get; init; }
}
