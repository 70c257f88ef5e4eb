using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Client.Errors;

namespace Grid.Client.Http;

/// <summary>
/// One request to the server: the key in <c>Authorization: Bearer</c>, one retry after a 429 when
/// the server's <c>Retry-After</c> is short enough, errors as <see cref="GridApiException"/> and no
/// answer at all as <see cref="GridUnreachableException"/>.
/// </summary>
internal sealed class GridHttp(HttpClient http, GridClientOptions options, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Uri Resolve(string pathAndQuery) => new(options.Server, pathAndQuery);

    /// <summary>Sends what <paramref name="create"/> builds (a request can be sent only once, so a retry builds it again) and returns a success or 304 response.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(create(), cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests
            && RetryAfter.Of(response.Headers, time.GetUtcNow()) is { } wait
            && wait <= options.MaxRetryAfter)
        {
            response.Dispose();
            await Task.Delay(wait, time, cancellationToken);
            response = await SendOnceAsync(create(), cancellationToken);
        }

        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorAsync(response, cancellationToken);
        }
    }

    public async Task<T> GetJsonAsync<T>(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Resolve(pathAndQuery)), cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
        ?? throw new GridApiException(response.StatusCode, "Empty response", $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} with no JSON body.");

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            if (options.ApiKey is { Length: > 0 } key)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            try
            {
                return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.StatusCode is null)
            {
                throw new GridUnreachableException(options.Server, ex.InnerException?.Message ?? ex.Message, ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient reports its own timeout as a cancellation the caller never asked for.
                throw new GridUnreachableException(options.Server, $"no answer within {http.Timeout.TotalSeconds:0} s", ex);
            }
        }
    }

    private async Task<GridApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = RetryAfter.Of(response.Headers, time.GetUtcNow());
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        // RFC 9457 §3: application/problem+json; a plain JSON body with the same members is read too.
        if (response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                if (JsonSerializer.Deserialize<ProblemDetails>(body, Json) is { Title: not null } problem)
                {
                    return new GridApiException(response.StatusCode, problem.Title, problem.Detail, problem.Type, retryAfter);
                }
            }
            catch (JsonException)
            {
                // Not a problem object after all: fall through to the status line.
            }
        }

        var reason = response.ReasonPhrase is { Length: > 0 } phrase ? phrase : response.StatusCode.ToString();
        var detail = body.Length == 0 ? null : body.Length <= 200 ? body.Trim() : body[..200].Trim() + "…";
        return new GridApiException(response.StatusCode, reason, detail, null, retryAfter);
    }
}
