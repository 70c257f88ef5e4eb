using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grid.Silo.Health;

public static class GridHealth
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddGridHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<RuntimeReadinessCheck>("runtime", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c> is liveness: the process answers (Kubernetes restarts it otherwise), so it
    /// runs no checks. <c>/readyz</c> is readiness: the runtime and its storage can serve.
    /// Both answer JSON that says which check failed and why.
    /// </summary>
    public static WebApplication MapGridHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        });
    }
}
