namespace Switchboard.LiveKit.StandIn;

/// <summary>Ends a request with a Twirp error (livekit.md §3.3); thrown by the stand-in's checks and methods.</summary>
internal sealed class TwirpFailure(string code, string message, IReadOnlyDictionary<string, string>? meta = null) : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyDictionary<string, string>? Meta { get; } = meta;

    public int Status => StatusOf(Code);

    public static TwirpFailure Malformed(string message) => new("malformed", message);

    public static TwirpFailure InvalidArgument(string message) => new("invalid_argument", message);

    public static TwirpFailure NotFound(string message) => new("not_found", message);

    public static TwirpFailure PermissionsDenied() => new("unauthenticated", "permissions denied");

    /// <summary>Twirp's HTTP status for each code.</summary>
    public static int StatusOf(string code) => code switch
    {
        "canceled" or "deadline_exceeded" => 408,
        "invalid_argument" or "malformed" or "out_of_range" => 400,
        "not_found" or "bad_route" => 404,
        "already_exists" or "aborted" => 409,
        "permission_denied" => 403,
        "unauthenticated" => 401,
        "resource_exhausted" => 429,
        "failed_precondition" => 412,
        "unimplemented" => 501,
        "unavailable" => 503,
        _ => 500,
    };
}
