using System.Globalization;
using System.Threading.RateLimiting;
using Grid.Silo.Api.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Grid.Silo.Api.RateLimits;

public static class GridRateLimits
{
    /// <summary>Paths that infrastructure polls (probes, Prometheus): never limited, or a busy scraper would look like an outage.</summary>
    private static readonly PathString[] Exempt = ["/healthz", "/readyz", "/metrics"];

    /// <summary>Token buckets per API key, else per client address (<see cref="RateLimitOptions"/>); 429 with Retry-After.</summary>
    public static WebApplicationBuilder AddGridRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddSingleton(options);
        if (!options.Enabled)
        {
            return builder;
        }

        Validate(options.PerKey, nameof(options.PerKey));
        Validate(options.PerAddress, nameof(options.PerAddress));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, options));
            limiter.OnRejected = RejectAsync;
        });
        return builder;
    }

    public static WebApplication UseGridRateLimits(this WebApplication app)
    {
        if (app.Services.GetRequiredService<RateLimitOptions>().Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions options)
    {
        var path = http.Request.Path;
        if (Exempt.Any(p => path.StartsWithSegments(p)))
        {
            return RateLimitPartition.GetNoLimiter("exempt");
        }

        // Only a key this server knows gets its own bucket; an unknown one counts against the
        // address, so inventing keys buys no extra requests.
        if (PresentedKey.IsPresent(http.Request) && PresentedKey.Resolve(http).Key is { } key)
        {
            return RateLimitPartition.GetTokenBucketLimiter("key:" + key.Id, _ => Bucket(options.PerKey));
        }

        // The client's address: the socket's, or behind a known proxy the one it forwards (ForwardedClients).
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter("ip:" + address, _ => Bucket(options.PerAddress));
    }

    private static TokenBucketRateLimiterOptions Bucket(TokenBucket bucket) => new()
    {
        TokenLimit = bucket.Burst,
        TokensPerPeriod = bucket.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        // RFC 9110 §10.2.3: delay-seconds. A token bucket refills every second, so 1 is the floor.
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = TypedResults.Problem(
            title: "Too many requests",
            detail: $"This {(PresentedKey.IsPresent(http.Request) && PresentedKey.Resolve(http).Key is not null ? "API key" : "address")} sent more requests than its rate limit allows; retry after {seconds} s (Retry-After), poll less often, or revalidate with If-None-Match.",
            statusCode: StatusCodes.Status429TooManyRequests,
            type: "https://www.rfc-editor.org/rfc/rfc6585#section-4");
        await problem.ExecuteAsync(http);
    }

    private static void Validate(TokenBucket bucket, string name)
    {
        if (bucket.PermitsPerSecond < 1 || bucket.Burst < 1)
        {
            throw new InvalidOperationException($"Grid:RateLimits:{name} needs PermitsPerSecond and Burst of at least 1 (or set Grid:RateLimits:Enabled=false).");
        }
    }
}
