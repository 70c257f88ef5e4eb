using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.Caching;

/// <summary>
/// A status answer pollers can revalidate: the body is serialized once, its <see cref="EntityTag"/>
/// goes in <c>ETag</c>, <c>Cache-Control</c> follows the evaluation tick, and a matching
/// <c>If-None-Match</c> gets 304 with both headers and no body (RFC 9110 §15.4.5).
/// </summary>
public sealed class CacheableResult(byte[] body, string contentType) : IResult
{
    public static CacheableResult Json<T>(T value, HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return new CacheableResult(ApiJson.SerializeToUtf8Bytes(value, options), JsonContentType);
    }

    /// <summary>A status read through <see cref="LocalStatusCache"/>: its body is serialized once per version.</summary>
    public static CacheableResult Json(LocalStatusCache.Entry read, HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return new CacheableResult(read.Body(status => ApiJson.SerializeToUtf8Bytes(status, options)), JsonContentType);
    }

    private const string JsonContentType = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var tag = httpContext.RequestServices.GetRequiredService<RecentEntityTags>().TagOf(httpContext.Request.Path.Value ?? "", body);
        response.Headers.ETag = tag;
        response.Headers.CacheControl = httpContext.RequestServices.GetRequiredService<StatusFreshness>().CacheControl();
        if (EntityTag.Matches(httpContext.Request.Headers.IfNoneMatch, tag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }
}
