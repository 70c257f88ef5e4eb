using System.Net;

namespace Grid.Client.Errors;

/// <summary>
/// The server answered with an error. When it sent problem details (RFC 9457) their title and
/// detail are kept: Grid's details say what to send instead.
/// </summary>
public sealed class GridApiException(HttpStatusCode status, string title, string? detail, string? type = null, TimeSpan? retryAfter = null)
    : Exception(detail is null ? $"{(int)status} {title}" : $"{(int)status} {title}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>The problem type URI, when the server sent one.</summary>
    public string? Type { get; } = type;

    /// <summary>On a 429 that was not retried (or failed again): how long the server asked to wait.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
