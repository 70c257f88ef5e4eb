using Grid.Silo.Hosting.Cluster;

namespace Grid.Silo.Api;

/// <summary>
/// The API starts beside the Orleans silo, so a request can arrive before grains can be called. It
/// waits for the silo a little (a start takes a second or two); past <see cref="Wait"/> it gets a 503
/// that says why (RFC 9110 §15.6.4) and when to come back. Health, metrics and docs never wait.
/// </summary>
internal sealed class SiloStartGate(RequestDelegate next, SiloReadiness readiness)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public async Task InvokeAsync(HttpContext context)
    {
        if (readiness.Active.IsCompleted || !NeedsGrains(context.Request.Path))
        {
            await next(context);
            return;
        }

        try
        {
            await readiness.Active.WaitAsync(Wait, context.RequestAborted);
        }
        catch (TimeoutException)
        {
            context.Response.Headers.RetryAfter = "5";
            await Results.Problem(
                title: "Grid is starting",
                detail: $"The grain runtime is not active yet ({readiness.Problem}). Retry in a few seconds; /readyz says when it is ready.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool NeedsGrains(PathString path) =>
        !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/readyz") && !path.StartsWithSegments("/metrics")
        && !path.StartsWithSegments("/docs") && !path.StartsWithSegments("/openapi");
}
