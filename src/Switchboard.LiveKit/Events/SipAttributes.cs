namespace Switchboard.LiveKit.Events;

/// <summary>
/// The attributes LiveKit SIP sets on a SIP participant (livekit.md §1.7), read from <see cref="ParticipantInfo.Attributes"/>.
/// Each is null when absent (e.g. the phone numbers, when the dispatch rule hides them) and kept exactly as sent otherwise:
/// <see cref="TrunkId"/> is an empty string when the call matched no trunk.
/// </summary>
public readonly struct SipAttributes(IReadOnlyDictionary<string, string> attributes)
{
    public const string CallIdKey = "sip.callID";
    public const string CallIdFullKey = "sip.callIDFull";
    public const string CallTagKey = "sip.callTag";
    public const string PhoneNumberKey = "sip.phoneNumber";
    public const string HostnameKey = "sip.hostname";
    public const string TrunkPhoneNumberKey = "sip.trunkPhoneNumber";
    public const string TrunkIdKey = "sip.trunkID";
    public const string RuleIdKey = "sip.ruleID";
    public const string CallStatusKey = "sip.callStatus";
    public const string TwilioCallSidKey = "sip.twilio.callSid";
    public const string TwilioAccountSidKey = "sip.twilio.accountSid";

    /// <summary>LiveKit's call id (<c>SCL_…</c>), stable for the whole call: the call's idempotency key.</summary>
    public string? CallId => Get(CallIdKey);

    /// <summary>The SIP <c>Call-ID</c> header of the provider's INVITE.</summary>
    public string? CallIdFull => Get(CallIdFullKey);

    /// <summary>The From-tag of the INVITE.</summary>
    public string? CallTag => Get(CallTagKey);

    /// <summary>The caller: the From-URI user part, raw (not normalized).</summary>
    public string? PhoneNumber => Get(PhoneNumberKey);

    /// <summary>The caller's From-URI host.</summary>
    public string? Hostname => Get(HostnameKey);

    /// <summary>The dialed number: the To-URI user part, raw.</summary>
    public string? TrunkPhoneNumber => Get(TrunkPhoneNumberKey);

    /// <summary>The matched inbound trunk (<c>ST_…</c>).</summary>
    public string? TrunkId => Get(TrunkIdKey);

    /// <summary>The matched dispatch rule (<c>SDR_…</c>).</summary>
    public string? RuleId => Get(RuleIdKey);

    /// <summary>The call's status when the event was queued (<see cref="SipCallStatus"/>); status changes send no webhook.</summary>
    public string? CallStatus => Get(CallStatusKey);

    /// <summary>Twilio's <c>X-Twilio-CallSid</c> header (<c>CA…</c>), when Twilio sent it.</summary>
    public string? TwilioCallSid => Get(TwilioCallSidKey);

    /// <summary>Twilio's <c>X-Twilio-AccountSid</c> header (<c>AC…</c>), when Twilio sent it.</summary>
    public string? TwilioAccountSid => Get(TwilioAccountSidKey);

    // default(SipAttributes) has no dictionary: it reads as "no attributes".
    private string? Get(string key) => attributes is not null && attributes.TryGetValue(key, out var value) ? value : null;
}
