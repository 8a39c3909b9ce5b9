namespace Switchboard.LiveKit.Api;

/// <summary>
/// One LiveKit Twirp method. <see cref="CreatesSomething"/> methods get a single attempt: a retry after a lost answer would
/// create a second dispatch, rule or transfer, so their callers guard them (a database claim, then a List check).
/// </summary>
internal sealed record TwirpMethod(string Service, string Name, bool CreatesSomething)
{
    public static readonly TwirpMethod CreateDispatch = new("AgentDispatchService", "CreateDispatch", CreatesSomething: true);
    public static readonly TwirpMethod ListDispatch = new("AgentDispatchService", "ListDispatch", CreatesSomething: false);
    public static readonly TwirpMethod DeleteDispatch = new("AgentDispatchService", "DeleteDispatch", CreatesSomething: false);

    public static readonly TwirpMethod CreateSipDispatchRule = new("SIP", "CreateSIPDispatchRule", CreatesSomething: true);
    public static readonly TwirpMethod UpdateSipDispatchRule = new("SIP", "UpdateSIPDispatchRule", CreatesSomething: false);
    public static readonly TwirpMethod ListSipDispatchRule = new("SIP", "ListSIPDispatchRule", CreatesSomething: false);
    public static readonly TwirpMethod DeleteSipDispatchRule = new("SIP", "DeleteSIPDispatchRule", CreatesSomething: false);
    public static readonly TwirpMethod ListSipInboundTrunk = new("SIP", "ListSIPInboundTrunk", CreatesSomething: false);
    public static readonly TwirpMethod CreateSipInboundTrunk = new("SIP", "CreateSIPInboundTrunk", CreatesSomething: true);
    public static readonly TwirpMethod UpdateSipInboundTrunk = new("SIP", "UpdateSIPInboundTrunk", CreatesSomething: false);
    public static readonly TwirpMethod TransferSipParticipant = new("SIP", "TransferSIPParticipant", CreatesSomething: true);

    public static readonly TwirpMethod RemoveParticipant = new("RoomService", "RemoveParticipant", CreatesSomething: false);
    public static readonly TwirpMethod UpdateParticipant = new("RoomService", "UpdateParticipant", CreatesSomething: false);
    public static readonly TwirpMethod ListParticipants = new("RoomService", "ListParticipants", CreatesSomething: false);
    public static readonly TwirpMethod DeleteRoom = new("RoomService", "DeleteRoom", CreatesSomething: false);

    /// <summary><c>livekit.SIP/TransferSIPParticipant</c>.</summary>
    public string FullName => $"livekit.{Service}/{Name}";
}
