using System.Globalization;
using System.Net;
using Grid.Silo.Api;
using Microsoft.AspNetCore.Hosting;

namespace Grid.Silo.Metrics;

/// <summary>
/// Who may scrape. Each scrape reads every grain active on the silo, and the series name internal
/// things (feeds, peers, Orleans' grain types), so <c>/metrics</c> is not a public read: with
/// <c>Grid:Metrics:Listen</c> it is served on that port alone, which serves nothing else (the
/// network policy admits only Prometheus there); without it, on the API's port to this machine's
/// own callers only (<see cref="ForwardedClients.IsLocalCaller"/>).
/// </summary>
internal sealed class MetricsPort(int? port) : IMiddleware
{
    private static readonly PathString Path = "/metrics";

    /// <summary>The port of <c>Grid:Metrics:Listen</c>, added to the server's addresses; null when unset.</summary>
    public static int? Listen(WebApplicationBuilder builder)
    {
        var listen = builder.Configuration[MetricsOptions.Section + ":" + nameof(MetricsOptions.Listen)];
        if (string.IsNullOrWhiteSpace(listen))
        {
            return null;
        }

        if (!IPEndPoint.TryParse(listen, out var endpoint) || endpoint.Port == 0)
        {
            throw new InvalidOperationException($"Grid:Metrics:Listen is '{listen}': give an address and port, such as 0.0.0.0:9464 (or [::]:9464).");
        }

        // Beside the API's own addresses (--urls, ASPNETCORE_URLS, or the loopback default).
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (string.IsNullOrWhiteSpace(urls) && builder.WebHost.GetSetting("http_ports") is { Length: > 0 } ports)
        {
            urls = string.Join(';', ports.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://*:{p}"));
        }

        builder.WebHost.UseUrls([.. (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries), $"http://{endpoint}"]);
        return endpoint.Port;
    }

    public int? Port => port;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var forMetrics = context.Request.Path.StartsWithSegments(Path);
        if (port is { } metricsPort && context.Connection.LocalPort == metricsPort)
        {
            if (forMetrics)
            {
                await next(context);
            }
            else
            {
                await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: "This port serves /metrics only; the API is on the silo's other address (--urls).").ExecuteAsync(context);
            }

            return;
        }

        if (!forMetrics)
        {
            await next(context);
        }
        else if (port is { } elsewhere)
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: string.Create(CultureInfo.InvariantCulture, $"/metrics is served on its own port ({elsewhere}, Grid:Metrics:Listen), not on the API's.")).ExecuteAsync(context);
        }
        else if (ForwardedClients.IsLocalCaller(context))
        {
            await next(context);
        }
        else
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Metrics are local",
                detail: "/metrics answers only this machine's own callers on the API's port: set Grid:Metrics:Listen (such as 0.0.0.0:9464) and let Prometheus scrape that port (README: Metrics).").ExecuteAsync(context);
        }
    }
}
