namespace Switchboard.LiveKit.Events;

/// <summary>The values of the <c>sip.callStatus</c> attribute (livekit.md §1.7).</summary>
public static class SipCallStatus
{
    /// <summary>An inbound call not answered yet; the value on <c>participant_joined</c> of an inbound call without PIN.</summary>
    public const string Ringing = "ringing";

    /// <summary>The call is answered and ready.</summary>
    public const string Active = "active";

    /// <summary>The call ended (BYE or CANCEL alike); normally the value on <c>participant_left</c>.</summary>
    public const string Hangup = "hangup";

    /// <summary>Outbound only.</summary>
    public const string Dialing = "dialing";

    /// <summary>Outbound only.</summary>
    public const string Automation = "automation";
}
