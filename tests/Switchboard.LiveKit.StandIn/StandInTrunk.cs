using System.Text.Json.Nodes;

namespace Switchboard.LiveKit.StandIn;

/// <summary>A SIP inbound trunk the stand-in holds.</summary>
/// <param name="Id"><c>ST_</c> + 12 characters.</param>
/// <param name="Info">The whole <c>SIPInboundTrunkInfo</c> as LiveKit would answer it; a copy.</param>
/// <param name="Name">The trunk name.</param>
public sealed record StandInTrunk(string Id, string Name, JsonObject Info);
