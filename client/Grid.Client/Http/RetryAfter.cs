using System.Net.Http.Headers;

namespace Grid.Client.Http;

/// <summary><c>Retry-After</c> (RFC 9110 §10.2.3): a number of seconds, or an HTTP-date.</summary>
internal static class RetryAfter
{
    public static TimeSpan? Of(HttpResponseHeaders headers, DateTimeOffset now) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
