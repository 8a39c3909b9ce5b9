namespace Switchboard.Web.Routing;

/// <summary>The result of parsing a routing request: the request, or why it was refused.</summary>
public sealed record RouteRequestParse(RouteRequest? Request, string? MalformedDetail, IDictionary<string, string[]>? Errors)
{
    public static RouteRequestParse Valid(RouteRequest request) => new(request, null, null);

    public static RouteRequestParse Malformed(string detail) => new(null, detail, null);

    public static RouteRequestParse Invalid(IDictionary<string, string[]> errors) => new(null, null, errors);
}
