namespace Switchboard.Web.Routing;

/// <summary>The result of parsing a dynamic-dispatch request: the request, or why it was refused.</summary>
public sealed record DynamicDispatchRequestParse(DynamicDispatchRequest? Request, string? MalformedDetail, IDictionary<string, string[]>? Errors)
{
    public static DynamicDispatchRequestParse Valid(DynamicDispatchRequest request) => new(request, null, null);

    public static DynamicDispatchRequestParse Malformed(string detail) => new(null, detail, null);

    public static DynamicDispatchRequestParse Invalid(IDictionary<string, string[]> errors) => new(null, null, errors);
}
