namespace Switchboard.LiveKit.StandIn;

/// <summary>A failure queued for the next request to a method.</summary>
internal sealed record StandInFault
{
    /// <summary>Apply the request first, then fail: LiveKit made the change but the answer is lost.</summary>
    public bool AfterApply { get; init; }

    /// <summary>Close the connection instead of answering.</summary>
    public bool Abort { get; init; }

    public TimeSpan Delay { get; init; }

    public string Code { get; init; } = "unavailable";

    public string Message { get; init; } = "stand-in: injected failure";

    public IReadOnlyDictionary<string, string>? Meta { get; init; }

    /// <summary>Answer with this status and body verbatim instead of a Twirp error.</summary>
    public (int Status, string Body, string ContentType)? Raw { get; init; }

    /// <summary>True for a delay alone: the request then runs normally.</summary>
    public bool DelayOnly => Delay > TimeSpan.Zero && !AfterApply && !Abort && Raw is null && Code.Length == 0;
}
