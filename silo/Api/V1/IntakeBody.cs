using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Grid.Silo.Api.V1;

/// <summary>
/// Reads an intake's body as it arrives (<see cref="JsonItemStream"/>), up to a size limit whatever
/// Content-Length claims: a body known to be too large is refused before a byte is read, one that
/// turns out too large while streaming is cut off there, and once the item limit is reached the rest
/// is read and dropped without being parsed, so the client's upload ends cleanly.
/// </summary>
public static class IntakeBody
{
    /// <summary>Reads the items; returns the 413 answer when the body is too large, else null.</summary>
    public static async Task<IResult?> ReadItemsAsync(HttpRequest request, JsonItemStream items, Action<int, JsonElement> item, JsonItemStream.ItemProblem problem, int maxBytes, string split)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(items);
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes, split);
        }

        Admit(request, maxBytes);
        var aborted = request.HttpContext.RequestAborted;
        try
        {
            var read = await items.ReadAsync(request.BodyReader, item, problem, maxBytes, aborted);
            if (items.Truncated)
            {
                await DrainAsync(request.BodyReader, maxBytes - read, aborted);
            }
        }
        catch (BodyTooLargeException)
        {
            return TooLarge(maxBytes, split);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes, split);
        }

        return null;
    }

    /// <summary>The request's body as a stream that ends with <see cref="BodyTooLargeException"/> past the limit (for CSV).</summary>
    public static Stream Limited(HttpRequest request, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        Admit(request, maxBytes);
        return new LimitedReadStream(request.Body, maxBytes);
    }

    public static IResult TooLarge(int maxBytes, string split) => Results.Problem(
        title: "Batch too large",
        detail: $"A request body may hold at most {maxBytes / (1024 * 1024)} MB: {split}.",
        statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>Kestrel's own limit (30,000,000 octets by default) gives way to the intake's.</summary>
    private static void Admit(HttpRequest request, int maxBytes)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
    }

    /// <summary>Reads and drops the rest of the body, up to what the limit still allows.</summary>
    private static async Task DrainAsync(PipeReader body, long allowed, CancellationToken cancellationToken)
    {
        while (allowed > 0)
        {
            var read = await body.ReadAsync(cancellationToken);
            allowed -= read.Buffer.Length;
            body.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }
}
