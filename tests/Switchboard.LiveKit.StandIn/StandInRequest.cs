using System.Text.Json.Nodes;

namespace Switchboard.LiveKit.StandIn;

/// <summary>One request the stand-in received, recorded when it arrived and completed as it was answered.</summary>
/// <param name="Sequence">1 for the first request to this stand-in.</param>
/// <param name="Method">The Twirp method name (e.g. <c>CreateDispatch</c>), or null if the path named none.</param>
/// <param name="Headers">Request headers, e.g. <c>X-Twirp-Timeout-Ms</c> (names as sent).</param>
/// <param name="BearerToken">The token from <c>Authorization: Bearer</c>, if any.</param>
/// <param name="Claims">The token's claims, once verified; null if it was missing or refused.</param>
/// <param name="RawBody">The body exactly as received.</param>
/// <param name="Body">The body as the stand-in parsed it (proto names, only the fields set); null if it did not parse.</param>
/// <param name="Status">The HTTP status answered; 0 while in progress, or when the connection was aborted.</param>
/// <param name="ErrorCode">The Twirp error code answered, <c>plain_text</c> for a token refusal, <c>raw</c> for a verbatim error answer.</param>
/// <param name="ResponseBody">The answer's body, if one was sent.</param>
/// <param name="HttpMethod">The HTTP method.</param>
/// <param name="Path">The request path.</param>
public sealed record StandInRequest(
    int Sequence,
    string HttpMethod,
    string Path,
    string? Method,
    IReadOnlyDictionary<string, string> Headers,
    string? BearerToken,
    JsonObject? Claims,
    string RawBody,
    JsonObject? Body,
    int Status,
    string? ErrorCode,
    string? ResponseBody);
