using System.Text;
using Switchboard.Core.Routing;
using Switchboard.LiveKit.Events;
using Switchboard.Web.LiveKitEvents;
using Switchboard.Web.Routing;
using Switchboard.Web.Tests.Fixtures;
using Xunit;

namespace Switchboard.Web.Tests.LiveKitEvents;

/// <summary>
/// The caller's SIP host (the From-URI host) reaches the router on every path that knows it, as the From host LiveKit's trunks match
/// host-name <c>allowed_addresses</c> against: a caller first seen in LiveKit's events (<c>sip.hostname</c>) and LiveKit's proposed
/// dynamic dispatch (<c>from_host</c>).
/// </summary>
public sealed class CallerHostTests
{
    [Fact]
    public void A_caller_first_seen_in_an_event_is_routed_with_its_sip_hostname_as_the_from_host()
    {
        var call = LiveKitCall.New("+14155550123", "+15550001111", DateTimeOffset.Parse("2026-03-02T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var participant = WebhookEventParser.Parse(Encoding.UTF8.GetBytes(call.CallerJoined())).Event!.Participant!;

        var inbound = CallRouting.ToInboundCall(CallLifecycle.RouteRequestFor(call.CallId, participant, call.RoomName), RoutingTable.Empty);

        Assert.Equal("203.0.113.10", inbound.FromHost);
    }

    [Fact]
    public void A_caller_whose_event_has_no_sip_hostname_is_routed_without_a_from_host()
    {
        var participant = new ParticipantInfo
        {
            Identity = "sip_+14155550123",
            Kind = ParticipantKind.Sip,
            Attributes = new Dictionary<string, string> { ["sip.callID"] = "SCL_nohost", ["sip.phoneNumber"] = "+14155550123", ["sip.hostname"] = "" },
        };

        var inbound = CallRouting.ToInboundCall(CallLifecycle.RouteRequestFor("SCL_nohost", participant, "call-room"), RoutingTable.Empty);

        Assert.Null(inbound.FromHost);
    }

    [Fact]
    public void A_dynamic_dispatch_request_is_routed_with_its_from_host()
    {
        var parsed = DynamicDispatchRequest.Parse("""{"call_id": "SCL_dd", "from_user": "+14155550123", "from_host": "pbx.example.net", "to_user": "+15550001111"}"""u8.ToArray());

        var inbound = CallRouting.ToInboundCall(parsed.Value!.ToRouteRequest("call-SCL_dd"), RoutingTable.Empty);

        Assert.Equal("pbx.example.net", inbound.FromHost);
    }
}
