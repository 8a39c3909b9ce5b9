using System.Buffers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Switchboard.Web.Hosting;

/// <summary>
/// Reads a request body as raw bytes, as signature checks need: checks the media type (415), caps the size
/// (413, before and while reading) and bounds the time a client may take to send it (408).
/// </summary>
public static class RequestBody
{
    public const int WebhookMaxBytes = 64 * 1024;

    public static bool HasMediaType(HttpRequest request, params ReadOnlySpan<string> mediaTypes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return false;
        }

        foreach (var mediaType in mediaTypes)
        {
            if (contentType.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)
                && (!contentType.Charset.HasValue || contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The body, or the problem to answer instead. A client that stops sending is cut off by Kestrel's minimum
    /// body data rate (its grace period is <see cref="SwitchboardOptions.BodyReadTimeout"/>), which surfaces here
    /// as a 408 — a read cancelled by us would leave Kestrel unable to drain the connection.
    /// </summary>
    public static async Task<(ReadOnlyMemory<byte> Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (default, Problems.TooLarge(maxBytes));
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 1024, maxBytes) + 1);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(4096);
                var read = await request.Body.ReadAsync(memory, cancellationToken);
                if (read == 0)
                {
                    return (buffer.WrittenMemory, null);
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                {
                    return (default, Problems.TooLarge(maxBytes));
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            return (default, ex.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => Problems.BodyTimeout(),
                StatusCodes.Status413PayloadTooLarge => Problems.TooLarge(maxBytes),
                _ => Problems.Malformed("The request body could not be read."),
            });
        }
    }
}
