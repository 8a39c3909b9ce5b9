using System.Globalization;

namespace Switchboard.LiveKit.Api;

/// <summary>
/// A LiveKit server API call failed: a Twirp error (livekit.md §3.3), a plain-text 401 from LiveKit's token check, an answer
/// that could not be read, or no answer at all (<see cref="HttpStatus"/> is null). The message never holds the API secret or
/// the request's token.
/// </summary>
public sealed class LiveKitApiException : Exception
{
    private static readonly IReadOnlyDictionary<string, string> NoMeta = new Dictionary<string, string>();

    public LiveKitApiException()
        : this("The LiveKit server API call failed.")
    {
    }

    public LiveKitApiException(string message)
        : this(message, innerException: null)
    {
    }

    public LiveKitApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Method = "";
        LiveKitMessage = "";
        Meta = NoMeta;
    }

    internal LiveKitApiException(string method, TwirpErrorCode code, int? httpStatus, string liveKitMessage, IReadOnlyDictionary<string, string>? meta,
        string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Method = method;
        Code = code;
        HttpStatus = httpStatus;
        LiveKitMessage = liveKitMessage;
        Meta = meta ?? NoMeta;
        SipStatusCode = Meta.TryGetValue("sip_status_code", out var sipCode)
            && int.TryParse(sipCode, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        SipStatus = Meta.GetValueOrDefault("sip_status");
    }

    /// <summary>The Twirp method, e.g. <c>livekit.SIP/TransferSIPParticipant</c>.</summary>
    public string Method { get; }

    public TwirpErrorCode Code { get; }

    /// <summary>The HTTP status LiveKit answered with; null when no answer arrived (transport error or timeout).</summary>
    public int? HttpStatus { get; }

    /// <summary>LiveKit's own <c>msg</c> (or plain-text body), empty when there was none.</summary>
    public string LiveKitMessage { get; }

    /// <summary>The Twirp error's <c>meta</c>; empty when absent.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; }

    /// <summary>The SIP status of a failed transfer or dial (<c>meta.sip_status_code</c>, e.g. 486), when LiveKit sent one.</summary>
    public int? SipStatusCode { get; }

    /// <summary>The SIP reason phrase (<c>meta.sip_status</c>), when LiveKit sent one.</summary>
    public string? SipStatus { get; }

    /// <summary>
    /// True when LiveKit may have applied the request although the call failed: no answer arrived, or it was a timeout or a
    /// server error. A caller that created something should look (e.g. ListDispatch) before trying again.
    /// </summary>
    public bool MayHaveBeenApplied => HttpStatus is null or 408 or >= 500;
}
