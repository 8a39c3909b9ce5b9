using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Switchboard.Web.Hosting;

/// <summary>
/// The preamble the webhooks and the explain endpoint share, in this order: the media type (415), the body within its size limit
/// (413; 408 for a body that comes too slowly), the signature when the endpoint requires one (401), then the endpoint's own parser
/// (400). Each refusal is an RFC 7807 problem given before anything is written, so a refused request changes nothing.
/// </summary>
public static class BodyIntake
{
    /// <summary>JSON only, as the routing webhooks and the explain endpoint take it.</summary>
    public static ImmutableArray<string> Json { get; } = ["application/json"];

    /// <summary>Reads, checks and parses the body; the value, or the problem to answer instead.</summary>
    /// <param name="request">The request.</param>
    /// <param name="mediaTypes">The media types accepted (UTF-8 only); the 415 names the first.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <param name="signature">The signature check, for a signed webhook; null for an endpoint guarded otherwise.</param>
    /// <param name="parse">The endpoint's parser: the value, or the 400 problem.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<BodyIntake<T>> ReadAsync<T>(HttpRequest request, ImmutableArray<string> mediaTypes, int maxBytes, WebhookSignature? signature,
        Func<ReadOnlyMemory<byte>, BodyIntake<T>> parse, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parse);
        if (!RequestBody.HasMediaType(request, mediaTypes.AsSpan()))
        {
            return Problems.UnsupportedMediaType(mediaTypes[0]);
        }

        var (body, problem) = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (signature?.Refusal(request, body.Span) is { } refusal)
        {
            return Problems.BadSignature(refusal);
        }

        return parse(body);
    }
}

/// <summary>
/// A request body taken in (<see cref="BodyIntake.ReadAsync"/>), or parsed: the value it holds, or why it was refused, as the problem
/// to answer. A parser returns its value, a <see cref="ProblemHttpResult"/> (a malformed body) or a <see cref="ValidationProblem"/>
/// (fields named with their errors), each converted implicitly.
/// </summary>
public sealed class BodyIntake<T>
    where T : class
{
    private BodyIntake(T? value, ProblemHttpResult? problem, ValidationProblem? invalid)
    {
        Value = value;
        Problem = problem;
        Invalid = invalid;
    }

    /// <summary>The value, or null when refused.</summary>
    public T? Value { get; }

    /// <summary>The problem to answer when refused for the body as a whole (415, 413, 408, 401, or a 400 malformed request).</summary>
    public ProblemHttpResult? Problem { get; }

    /// <summary>The 400 validation problem to answer when refused for its fields.</summary>
    public ValidationProblem? Invalid { get; }

    /// <summary>The refusal's machine-readable code, as the problem's <c>code</c> gives it to the client; null when not refused.</summary>
    public string? Code => (Problem?.ProblemDetails ?? Invalid?.ProblemDetails)?.Extensions.TryGetValue("code", out var code) == true ? code as string : null;

    public static implicit operator BodyIntake<T>(T value) => new(value, null, null);

    public static implicit operator BodyIntake<T>(ProblemHttpResult problem) => new(null, problem, null);

    public static implicit operator BodyIntake<T>(ValidationProblem invalid) => new(null, null, invalid);
}
