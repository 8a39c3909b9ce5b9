using Microsoft.AspNetCore.Http.HttpResults;

namespace Switchboard.Web.Hosting;

/// <summary>RFC 7807 answers for expected refusals, each with a machine-readable <c>code</c>.</summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string title, string detail, string code) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult Malformed(string detail) => Create(StatusCodes.Status400BadRequest, "Malformed request", detail, "malformed_request");

    public static ValidationProblem InvalidFields(IDictionary<string, string[]> errors, string title) =>
        TypedResults.ValidationProblem(errors, title: title, extensions: new Dictionary<string, object?> { ["code"] = "invalid_request" });

    public static ProblemHttpResult BadSignature(string detail) => Create(StatusCodes.Status401Unauthorized, "Invalid signature", detail, "invalid_signature");

    public static ProblemHttpResult TooLarge(int maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body must be at most {maxBytes} bytes.", "body_too_large");

    public static ProblemHttpResult UnsupportedMediaType(string expected) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the body as {expected}.", "unsupported_media_type");

    public static ProblemHttpResult BodyTimeout() =>
        Create(StatusCodes.Status408RequestTimeout, "Request body timeout", "The body did not arrive in time.", "body_timeout");

    public static ProblemHttpResult Unavailable(string detail) =>
        Create(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail, "unavailable");
}
